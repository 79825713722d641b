import { ConfigError, loadBotConfig } from '../config';
import { errorMessage } from '../errors';
import { type Logger, createLogger } from '../logging/logger';
import { ShutdownTimeoutError } from './shutdown';
import { type RunningBot, startBot } from './start-bot';

/**
 * `npm start`: the bot process. Config errors name the key and exit 1. SIGTERM/SIGINT stop it
 * within IMAGESTREAM_SHUTDOWN_TIMEOUT_MS: exit 0 when everything closed, 1 (naming what did not)
 * when the deadline passed; a signal during the start aborts it (exit 0).
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadBotConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`imagestream-bot: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger({ level: config.LOG_LEVEL, traceProject: config.GOOGLE_CLOUD_PROJECT });
  // Registered before the start, which can take seconds (Redis, the Slack socket): without a
  // handler a signal then kills the process on the spot (exit 143), closing nothing.
  const starting = new AbortController();
  let bot: RunningBot | undefined;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'stopping');
      if (!bot) return starting.abort(new Error(`${signal} during start-up`));
      // process.exit loses no log line: createLogger writes each one before the logging call returns.
      bot.stop().then(
        () => process.exit(0),
        (err) => exitAfterFailedStop(logger, err),
      );
    });
  }
  try {
    bot = await startBot(config, logger, { workerThread: config.IMAGESTREAM_WORKER_THREAD }, starting.signal);
  } catch (err) {
    if (err instanceof ShutdownTimeoutError) exitAfterFailedStop(logger, err);
    if (starting.signal.aborted) {
      logger.info('start aborted');
      process.exit(0);
    }
    throw err;
  }
  logger.info({ role: config.IMAGESTREAM_ROLE }, 'imagestream-bot started');
}

/** Exit 1 with one line saying why: the deadline passed (and what was still open), or a closer threw. */
function exitAfterFailedStop(logger: Logger, err: unknown): never {
  if (err instanceof ShutdownTimeoutError)
    logger.error({ unclosed: err.unclosed, timeoutMs: err.timeoutMs }, 'shutdown timed out');
  else logger.error({ err: errorMessage(err) }, 'stop failed');
  process.exit(1);
}

main().catch((err) => {
  process.stderr.write(`imagestream-bot: could not start: ${errorMessage(err)}\n`);
  process.exit(1);
});
