/**
 * `npm run playground`: the bot in all roles on a simulated Google Cloud, with a web chat at
 * http://localhost:PORT/playground. Refused under NODE_ENV=production before anything of the
 * simulator is even loaded; stopped cleanly on SIGINT/SIGTERM.
 */
import { REFUSED_EXIT_CODE, productionRefusal } from './guard';

async function main(): Promise<void> {
  const refusal = productionRefusal(process.env);
  if (refusal) {
    process.stderr.write(`${refusal}\n`);
    process.exit(REFUSED_EXIT_CODE);
  }
  const { PlaygroundRefusal, startPlayground } = await import('./start-playground');
  let playground;
  try {
    playground = await startPlayground(process.env);
  } catch (err) {
    if (err instanceof PlaygroundRefusal) {
      process.stderr.write(`${err.message}\n`);
      process.exit(REFUSED_EXIT_CODE);
    }
    throw err;
  }
  const running = playground;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stdout.write('\nStopping the playground...\n');
      running.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          process.stderr.write(`imagestream playground: stop failed: ${String(err)}\n`);
          process.exit(1);
        },
      );
    });
  }
  process.stdout.write(`Playground: ${running.url} (simulated cloud)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `imagestream playground: could not start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
