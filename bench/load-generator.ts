/**
 * Sends the benchmarks' slash commands (Slack's, or Google Chat's events) from a worker thread, so the client's own work (signing,
 * sockets, parsing) runs on its own event loop and never queues behind the server it measures.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** One batch of commands: `count` of them, `inFlight` at a time, response URL = prefix + tag + index. */
export interface LoadRequest {
  id: number;
  port: number;
  /** Command texts, used in turn. */
  texts: string[];
  count: number;
  inFlight: number;
  responseUrlPrefix: string;
  tag: string;
  /**
   * When set, each text goes as a Google Chat slash command event (JSON, this bearer token) to
   * /google-chat/events instead of a signed Slack command; responseUrlPrefix and tag are then unused.
   */
  chatToken?: string;
}

/** Per command (by index): when it was sent (epoch ms) and its ack latency (ms). */
export type LoadResult = { id: number; ackMs: number[]; sentAt: number[] } | { id: number; error: string };

export interface LoadGenerator {
  run(request: Omit<LoadRequest, 'id'>): Promise<{ ackMs: number[]; sentAt: number[] }>;
  close(): Promise<void>;
}

export function startLoadGenerator(): LoadGenerator {
  // The worker is TypeScript: tsx's CommonJS hook compiles it, as `npm run bench` does for this file.
  const file = path.join(__dirname, 'load-worker.ts');
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true });
  const pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  worker.on('message', (r: LoadResult) => {
    pending.get(r.id)?.resolve(r);
    pending.delete(r.id);
  });
  worker.on('error', (err) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  });
  let ids = 0;
  return {
    async run(request) {
      const id = (ids += 1);
      const result = await new Promise<LoadResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ ...request, id } satisfies LoadRequest);
      });
      if ('error' in result) throw new Error(`load generator: ${result.error}`);
      return result;
    },
    async close() {
      await worker.terminate();
    },
  };
}
