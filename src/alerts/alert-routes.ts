import type { ConversationRef } from '../chat/conversation-ref';
import { parseDestination } from './alert-destinations';
import { channelFor, parseChannelMap } from './channel-map';
import type { ProblemKey } from './problem';

/** Where the alerts of a problem go; null when nowhere (the store then ignores the problem). */
export type AlertRoutes = (key: ProblemKey) => ConversationRef | null;

/**
 * The routes of a parsed channel map: the cluster's entry first, then the project's, then
 * `fallback` (ALERT_CHANNEL; '' for none). An id no platform writes that way routes nowhere.
 */
export function alertRoutes(map: Record<string, string>, fallback: string): AlertRoutes {
  const idOf = channelFor(map, fallback);
  return (key) => parseDestination(idOf(key));
}

/** The routes configured by IMAGESTREAM_ALERT_CHANNELS and ALERT_CHANNEL; UsageError names a bad map entry. */
export function configuredAlertRoutes(channelMap: string | undefined, fallback: string | undefined): AlertRoutes {
  return alertRoutes(parseChannelMap(channelMap), fallback ?? '');
}
