/**
 * A role-all process may run its jobs in a worker thread (IMAGESTREAM_WORKER_THREAD): on one event
 * loop, a job's synchronous work (reply rendering, JSON, BullMQ's bookkeeping) runs between the
 * acks Slack waits for; in a thread, the main loop keeps Bolt and the probes to itself, and the OS
 * shares the CPU between the two (BENCHMARKS.md, ack under jobs, has what that measured). The thread runs the same startWorker with its own Redis connections; its metrics join
 * /metrics, its alert subscriber /readyz, and its stop is one step of the process's stop.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BotConfig } from '../config';
import type { Logger } from '../logging/logger';
import type { MetricsJson } from '../metrics/bot-metrics';
import type { OpsProbes } from './ops-routes';
import { type Closer, abortable } from './shutdown';

/** Messages from the main thread. */
export type ToThread = { type: 'metrics'; id: number } | { type: 'stop' };
/** Messages from the worker thread. */
export type FromThread =
  | { type: 'started' }
  | { type: 'start-failed'; error: string }
  | { type: 'subscriber'; running: boolean }
  | { type: 'metrics'; id: number; json: MetricsJson }
  | { type: 'stopped'; error?: string };

/** A started worker thread: its stop, and its metrics for the main thread's /metrics. */
export interface WorkerThread {
  closer: Closer;
  metricsJson(): Promise<MetricsJson>;
}

/**
 * Starts the thread and waits until its worker runs. A thread that dies on its own takes the
 * process with it (exit 1), as an uncaught error in the worker would in one event loop: the
 * platform restarts it, and a process that acks commands nobody runs would be worse.
 */
export async function startWorkerThread(
  config: BotConfig,
  logger: Logger,
  probes: OpsProbes,
  signal?: AbortSignal,
): Promise<WorkerThread> {
  // The compiled entry beside this file (dist/): npm start runs the built code.
  const thread = new Worker(path.join(__dirname, 'worker-thread-entry.js'), { workerData: { config } });
  let stopping = false;
  let ids = 0;
  const scrapes = new Map<number, (json: MetricsJson) => void>();
  let onStopped: ((error?: string) => void) | undefined;
  const started = new Promise<void>((resolve, reject) => {
    thread.on('message', (message: FromThread) => {
      switch (message.type) {
        case 'started':
          return resolve();
        case 'start-failed':
          return reject(new Error(`worker thread: ${message.error}`));
        case 'subscriber':
          probes.subscriber = { isRunning: () => message.running };
          return;
        case 'metrics':
          scrapes.get(message.id)?.(message.json);
          scrapes.delete(message.id);
          return;
        case 'stopped':
          return onStopped?.(message.error);
      }
    });
    thread.on('error', (err) => logger.error({ err: err.message }, 'worker thread failed'));
    thread.on('exit', (code) => {
      reject(new Error(`worker thread exited (${code}) while starting`));
      if (stopping) return;
      logger.error({ code }, 'worker thread exited; stopping the process');
      process.exit(1);
    });
  });
  try {
    await abortable(started, signal);
  } catch (err) {
    stopping = true;
    await thread.terminate();
    throw err;
  }
  return {
    closer: {
      name: 'worker thread',
      close: async () => {
        stopping = true;
        const stopped = new Promise<string | undefined>((resolve) => (onStopped = resolve));
        thread.postMessage({ type: 'stop' } satisfies ToThread);
        const error = await stopped;
        await thread.terminate();
        if (error) throw new Error(`worker thread: ${error}`);
      },
    },
    metricsJson: () =>
      new Promise<MetricsJson>((resolve) => {
        const id = (ids += 1);
        scrapes.set(id, resolve);
        thread.postMessage({ type: 'metrics', id } satisfies ToThread);
      }),
  };
}
