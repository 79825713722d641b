import { ConfigError, loadBotConfig } from '../config';
import { errorMessage } from '../errors';
import { createLogger } from '../logging/logger';
import { startBot } from './start-bot';

/** `npm start`: the bot process. Config errors name the key and exit 1; SIGTERM stops cleanly. */
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
  const bot = await startBot(config, logger);
  logger.info({ role: config.IMAGESTREAM_ROLE }, 'imagestream-bot started');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'stopping');
      bot.stop().then(
        () => process.exit(0),
        (err) => {
          logger.error({ err: errorMessage(err) }, 'stop failed');
          process.exit(1);
        },
      );
    });
  }
}

main().catch((err) => {
  process.stderr.write(`imagestream-bot: could not start: ${errorMessage(err)}\n`);
  process.exit(1);
});
