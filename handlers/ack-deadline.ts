import { withTimeout } from '../src/with-timeout';
import type { WebDeps } from './web-deps';

/**
 * Runs a Redis call made while a Slack request waits for its ack (or a click for its answer)
 * under the one short deadline every such call shares (IMAGESTREAM_ACK_REDIS_TIMEOUT_MS): a hung
 * Redis (connection open, no answer) would otherwise hold the ack past Slack's 3 s, and Bolt would
 * answer 404. Past the deadline it rejects (`no answer within N ms`); the call goes on, its answer dropped.
 */
export function beforeAck<T>(deps: Pick<WebDeps, 'config'>, call: Promise<T>): Promise<T> {
  return withTimeout(call, deps.config.IMAGESTREAM_ACK_REDIS_TIMEOUT_MS);
}
