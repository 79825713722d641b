import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import { withTimeout } from '../with-timeout';

/**
 * What the probes look at. Read at request time, so a field set after the routes were built (the
 * alert subscriber starts after the Slack endpoint) counts from then on.
 */
export interface OpsProbes {
  /** A fail-fast connection (the producer): PING must answer within the probe's timeout. */
  redis: Redis;
  /** Set only in processes that run the alert subscriber: then readiness needs it running. */
  subscriber?: { isRunning(): boolean };
  /** Set only where Google Chat's events come over Pub/Sub: readiness needs that stream pulling. */
  chatSubscriber?: { isRunning(): boolean };
  /** Set only in Socket Mode: requests arrive over that socket, so readiness needs it open. */
  slackSocket?: { isConnected(): boolean };
  /** The Prometheus exposition; /metrics is served only when given. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
}

/** One GET route, served by the HTTP front door (http-receiver.ts) and by the ops server alike. */
export interface OpsRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** A platform probe times out after a few seconds; answering 503 first keeps the reason visible. */
export const REDIS_PING_TIMEOUT_MS = 1000;

/**
 * The ops endpoints:
 * - `/healthz` (liveness): 200 while the process serves requests. It never looks at Redis, so a
 *   Redis outage does not make the platform restart every replica in a loop.
 * - `/readyz` (readiness): 200 when Redis answers PING in time and, where this process runs the
 *   alert subscriber, the subscriber is pulling; where Google Chat's events come over Pub/Sub, that
 *   subscriber is pulling; and in Socket Mode, the socket to Slack is open; else 503 with a one-line reason.
 * - `/metrics`: when `probes.metrics` is set (checked per request).
 */
export function opsRoutes(probes: OpsProbes, pingTimeoutMs = REDIS_PING_TIMEOUT_MS): OpsRoute[] {
  return [
    { path: '/healthz', method: ['GET'], handler: (_req, res) => reply(res, 200, 'ok') },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        // A probe that throws or rejects is an answer (503), never an unhandled rejection, which
        // would stop the process a readiness check is only meant to take out of rotation.
        void notReadyReason(probes, pingTimeoutMs)
          .catch(() => 'a readiness probe failed')
          .then((reason) => (reason ? reply(res, 503, `not ready: ${reason}`) : reply(res, 200, 'ready')));
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        const metrics = probes.metrics;
        if (!metrics) return reply(res, 404, 'not found');
        metrics().then(
          ({ contentType, body }) => {
            res.writeHead(200, { 'content-type': contentType });
            res.end(body);
          },
          () => reply(res, 500, 'metrics unavailable'),
        );
      },
    },
  ];
}

/** Why this process should not take traffic, or undefined when it should. */
async function notReadyReason(probes: OpsProbes, pingTimeoutMs: number): Promise<string | undefined> {
  if (!(await pingsWithin(probes.redis, pingTimeoutMs))) return `redis did not answer PING within ${pingTimeoutMs} ms`;
  const { subscriber, chatSubscriber, slackSocket } = probes;
  if (subscriber && !(await holds(() => subscriber.isRunning()))) return 'the alert subscriber is not running';
  if (chatSubscriber && !(await holds(() => chatSubscriber.isRunning())))
    return 'the Google Chat event subscriber is not running';
  if (slackSocket && !(await holds(() => slackSocket.isConnected()))) return 'the Slack Socket Mode connection is down';
  return undefined;
}

/** True only when `check` answers true; throwing, rejecting or any other answer counts as not ready. */
function holds(check: () => boolean | Promise<boolean>): Promise<boolean> {
  return Promise.resolve()
    .then(check)
    .then(
      (ok) => ok === true,
      () => false,
    );
}

/** True when PING answers in time; a connection still opening or queueing commands counts as down. */
function pingsWithin(redis: Redis, timeoutMs: number): Promise<boolean> {
  // Called inside then(): a ping that throws synchronously rejects like one that fails.
  return withTimeout(
    Promise.resolve().then(() => redis.ping()),
    timeoutMs,
  ).then(
    () => true,
    () => false,
  );
}

function reply(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}
