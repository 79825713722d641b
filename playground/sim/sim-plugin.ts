/**
 * The simulator's own routes, as a platform plugin with only `routes`: `GET /playground/sim` (the
 * page says the cloud is simulated, and lists it) and `POST /playground/storm` (a gcfsd storm into
 * the real alert store and outbox). Never loaded by `npm start`: only playground/main.ts plugs it in.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { WebDeps } from '../../handlers/web-deps';
import type { PlatformPlugin } from '../../src/app/platform-plugin';
import { errorMessage } from '../../src/errors';
import type { SimCluster } from './world';
import type { SimImage } from './registry-images';
import { STORM_PROBLEMS, StormPipeline, StormRun, buildStorm, runStorm } from './storm';

/** What the routes show of the simulated cloud. */
export interface SimView {
  project: string;
  clusters(): SimCluster[];
  images: readonly SimImage[];
}

/** The plugin and a stop for a storm still running. */
export interface SimPlugin {
  plugin: PlatformPlugin;
  /** Resolves once no storm is running (the one in progress stops feeding). */
  stop(): Promise<void>;
}

/** The body of POST /playground/storm: nothing, or an empty object. */
const stormBodySchema = z.object({}).strict();
const MAX_BODY_BYTES = 1024;

/** The sim's routes; `storm` shortens the pacing (tests). */
export function createSimPlugin(view: SimView, options: { storm?: Omit<StormRun, 'signal'> } = {}): SimPlugin {
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  const plugin: PlatformPlugin = {
    platform: 'sim',
    routes: (deps) => [
      {
        path: '/playground/sim',
        method: ['GET'],
        handler: (_req, res) =>
          json(res, 200, {
            simulated: true,
            project: view.project,
            clusters: view.clusters(),
            images: view.images,
            storm: { running: running !== undefined, problems: STORM_PROBLEMS },
          }),
      },
      {
        path: '/playground/storm',
        method: ['POST'],
        handler: (req, res) => void storm(deps, req, res),
      },
    ],
  };

  async function storm(deps: WebDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === undefined) return json(res, 413, { error: `the body takes at most ${MAX_BODY_BYTES} bytes` });
    const parsed = stormBodySchema.safeParse(body.trim() === '' ? {} : safeJson(body));
    if (!parsed.success) return json(res, 400, { error: 'the body must be empty or {}' });
    const pipeline: StormPipeline = deps.alerts;
    if (running) return json(res, 409, { error: 'a storm is already running' });
    const entries = buildStorm(Date.now());
    running = runStorm(pipeline, entries, { ...options.storm, signal: stopping.signal })
      .catch((err) => deps.logger.warn({ err: errorMessage(err) }, 'playground storm failed'))
      .finally(() => (running = undefined));
    json(res, 202, { entries: entries.length, problems: STORM_PROBLEMS.length });
  }

  return {
    plugin,
    async stop() {
      stopping.abort();
      await running;
    },
  };
}

/** The body as text, or undefined when it is larger than MAX_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, so the 413 reaches the client.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
