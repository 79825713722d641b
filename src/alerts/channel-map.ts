import { UsageError } from '../errors';
import { DESTINATION_HINT, parseRoute } from './alert-destinations';
import { ProblemKey } from './problem';

/** Cluster names (docs/image-streaming.md) and project ids, including domain-scoped ones (`example.com:proj`). */
const NAME = /^[a-z][a-z0-9.:-]{0,99}$/;
const MAX_ENTRIES = 1000;

/**
 * Parses the alert channel map `"prod-1=C123ABC,acme-prod=spaces/AAAA,staging=C456DEF+spaces/BBBB"`
 * (cluster or project name -> a route: a Slack channel id, a Google Chat space, or both joined by
 * `+`; see alert-destinations.ts). Empty or absent means no mapping. UsageError names the bad entry.
 */
export function parseChannelMap(text: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  if (text === undefined || text.trim() === '') return map;
  const items = text.split(',').map((item) => item.trim());
  if (items.length > MAX_ENTRIES) throw new UsageError(`the alert channel map has more than ${MAX_ENTRIES} entries`);
  for (const item of items) {
    if (item === '') continue; // a trailing comma is harmless
    const shown = JSON.stringify(item.slice(0, 120));
    const eq = item.indexOf('=');
    if (eq < 0) throw new UsageError(`alert channel map entry ${shown} is not NAME=CHANNEL_ID`);
    const name = item.slice(0, eq).trim();
    const route = item.slice(eq + 1).trim();
    if (!NAME.test(name))
      throw new UsageError(
        `alert channel map entry ${shown}: "${name.slice(0, 100)}" is not a cluster or project name`,
      );
    const destinations = parseRoute(route, `alert channel map entry ${shown}`);
    if (destinations.length === 0) throw new UsageError(`alert channel map entry ${shown}: ${DESTINATION_HINT}`);
    if (Object.hasOwn(map, name)) throw new UsageError(`alert channel map names "${name}" twice`);
    map[name] = destinations.map((d) => d.space).join('+');
  }
  return map;
}

/** The route of a problem: the cluster's entry first, then the project's, then `fallback` (ALERT_CHANNEL). */
export function channelFor(map: Record<string, string>, fallback: string): (key: ProblemKey) => string {
  return (key) => {
    if (Object.hasOwn(map, key.cluster)) return map[key.cluster]!;
    if (Object.hasOwn(map, key.project)) return map[key.project]!;
    return fallback;
  };
}
