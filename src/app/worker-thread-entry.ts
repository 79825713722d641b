/**
 * The worker role inside a worker thread of a role-all process (see worker-thread.ts): its own
 * event loop, its own Redis connections and metrics registry, the same startWorker as a worker
 * process. Talks to the main thread by messages only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BotConfig } from '../config';
import { errorMessage } from '../errors';
import { createLogger } from '../logging/logger';
import { createBotServices } from './bot-services';
import type { OpsProbes } from './ops-routes';
import { closeInOrder } from './shutdown';
import { startWorker } from './start-worker';
import type { FromThread, ToThread } from './worker-thread';

const port = parentPort!;
const post = (message: FromThread) => port.postMessage(message);

async function run(): Promise<void> {
  const { config } = workerData as { config: BotConfig };
  const logger = createLogger({ level: config.LOG_LEVEL, traceProject: config.GOOGLE_CLOUD_PROJECT });
  const services = await createBotServices(config, logger, {}, undefined, true);
  const probes: OpsProbes = { redis: services.producer };
  const closers = await startWorker(config, logger, services, probes, {});
  // The alert subscriber's state, for the main thread's /readyz (only where one runs).
  let running: boolean | undefined;
  const watch = setInterval(() => {
    const now = probes.subscriber?.isRunning();
    if (now !== running) post({ type: 'subscriber', running: (running = now) ?? false });
  }, 200);
  port.on('message', (message: ToThread) => {
    if (message.type === 'metrics')
      void services.metrics.registry.getMetricsAsJSON().then((json) => post({ type: 'metrics', id: message.id, json }));
    if (message.type === 'stop') {
      clearInterval(watch);
      // The main thread's deadline bounds this one: it exits the process when it passes.
      closeInOrder([...closers, ...services.closers], logger, config.IMAGESTREAM_SHUTDOWN_TIMEOUT_MS).then(
        () => post({ type: 'stopped' }),
        (err) => post({ type: 'stopped', error: errorMessage(err) }),
      );
    }
  });
  post({ type: 'started' });
}

run().catch((err) => post({ type: 'start-failed', error: errorMessage(err) }));
