import { UsageError } from '../errors';
import { ProblemKey } from './problem';

/** Cluster names (DOMAIN.md) and project ids, including domain-scoped ones (`example.com:proj`). */
const NAME = /^[a-z][a-z0-9.:-]{0,99}$/;
/** The same rule as ALERT_CHANNEL in config: public or private channel ids. */
const CHANNEL = /^[CG][A-Z0-9]{2,}$/;
const MAX_ENTRIES = 1000;

/**
 * Parses the alert channel map `"prod-1=C123ABC,acme-prod=C456DEF"` (cluster or project name ->
 * Slack channel id). Empty or absent means no mapping. UsageError names the bad entry.
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
    const channel = item.slice(eq + 1).trim();
    if (!NAME.test(name))
      throw new UsageError(
        `alert channel map entry ${shown}: "${name.slice(0, 100)}" is not a cluster or project name`,
      );
    if (!CHANNEL.test(channel))
      throw new UsageError(`alert channel map entry ${shown}: Slack channel IDs look like C0123ABC`);
    if (Object.hasOwn(map, name)) throw new UsageError(`alert channel map names "${name}" twice`);
    map[name] = channel;
  }
  return map;
}

/** The channel of a problem: the cluster's entry first, then the project's, then `fallback` (ALERT_CHANNEL). */
export function channelFor(map: Record<string, string>, fallback: string): (key: ProblemKey) => string {
  return (key) => {
    if (Object.hasOwn(map, key.cluster)) return map[key.cluster]!;
    if (Object.hasOwn(map, key.project)) return map[key.project]!;
    return fallback;
  };
}
