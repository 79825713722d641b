import type { ConversationRef } from '../chat/conversation-ref';
import { parseRoute } from './alert-destinations';
import { channelFor, parseChannelMap } from './channel-map';
import type { ProblemKey } from './problem';

/**
 * Where the alerts of a problem go: a Slack channel, a Google Chat space, or both (at most one
 * per platform); empty when nowhere (the store then ignores the problem).
 */
export type AlertRoutes = (key: ProblemKey) => ConversationRef[];

/**
 * The routes of a parsed channel map: the cluster's entry first, then the project's, then
 * `fallback` (ALERT_CHANNEL, same syntax as a map entry; '' for none). UsageError names a bad fallback.
 */
export function alertRoutes(map: Record<string, string>, fallback: string): AlertRoutes {
  // Each route parsed once, here: a bad one is refused at start, not when its first alert comes.
  const parsed = new Map<string, ConversationRef[]>([[fallback, parseRoute(fallback, 'ALERT_CHANNEL')]]);
  for (const route of Object.values(map))
    if (!parsed.has(route))
      parsed.set(route, parseRoute(route, `alert channel map route ${JSON.stringify(route.slice(0, 120))}`));
  const routeOf = channelFor(map, fallback);
  // Copies: a caller may not change what the next problem is routed to.
  return (key) => parsed.get(routeOf(key))!.map((d) => ({ ...d }));
}

/** The routes configured by IMAGESTREAM_ALERT_CHANNELS and ALERT_CHANNEL; UsageError names a bad entry. */
export function configuredAlertRoutes(channelMap: string | undefined, fallback: string | undefined): AlertRoutes {
  return alertRoutes(parseChannelMap(channelMap), fallback ?? '');
}
