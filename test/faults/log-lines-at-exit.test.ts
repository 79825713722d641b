/**
 * Every line the bot logs reaches its stdout, even when the process exits on purpose right after
 * (the `process.exit` that ends every stop, src/app/main.ts) while the reader of its stdout lags
 * behind. With pino's asynchronous default, the chunk whose write had failed with EAGAIN was dropped
 * at exit (src/logging/logger.ts says why): test/faults/sigterm-under-load.test.ts once counted
 * 78 "job finished" lines for 79 jobs. Runs the built logger (dist/, `npm run build` first), as
 * `npm start` does.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const LOGGER = path.join(__dirname, '..', '..', 'dist', 'src', 'logging', 'logger.js');
const LINES = 3000;

// More lines than the pipe holds; then, once the logger has had time to meet the full pipe, one
// more line and the exit, said on stderr (which the test reads all along) just before.
const CHILD = `
const { createLogger } = require(process.argv[1]);
const logger = createLogger();
const pad = 'x'.repeat(100);
for (let i = 0; i < ${LINES}; i += 1) logger.info({ i, pad }, 'line');
setTimeout(() => {
  logger.info({ i: ${LINES} }, 'line');
  process.stderr.write('exiting\\n');
  process.exit(0);
}, 200);
`;

it('writes every line before the process exits, however far behind the reader is', async () => {
  const child = spawn(process.execPath, ['-e', CHILD, LOGGER], { stdio: ['ignore', 'pipe', 'pipe'] });
  // The reader lags: nothing is read from the child's stdout until it is about to exit, so the
  // pipe fills up. A logger that writes synchronously never gets there: it waits in the logging
  // call for the pipe to drain (the second second).
  child.stdout.pause();
  let stderr = '';
  const exiting = new Promise<void>((resolve) =>
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('exiting')) resolve();
    }),
  );
  await Promise.race([exiting, new Promise((r) => setTimeout(r, 2000))]);

  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stdout.resume();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

  expect(code).toBe(0);
  const numbers = stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { i: number }).i);
  expect(numbers).toEqual(Array.from({ length: LINES + 1 }, (_, i) => i));
}, 15_000);
