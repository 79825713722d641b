import type { AnyMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';
import { slackRequestIdOf, withTrace } from '../../../src/logging/trace-context';

/**
 * Global Bolt middleware: everything a request's listeners log (and every job they queue) carries
 * Slack's id of that request, so one command can be followed from the ack to the worker's reply.
 */
export async function traceRequests({ body, next }: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  await withTrace({ slackRequestId: slackRequestIdOf(body) }, next);
}
