import pino from 'pino';
import { UsageError } from '../errors';
import { cloudSeverity } from './cloud-severity';
import { redactSecrets, redactText } from './redact-secrets';
import { traceFields } from './trace-context';

/** The application logger: pino, writing JSON lines that Cloud Logging parses. */
export type Logger = pino.Logger;

/** Options of createLogger; everything has a default suited to Cloud Run / GKE stdout. */
export interface LoggerOptions {
  /** pino level name (trace, debug, info, warn, error, fatal, silent); default info. */
  level?: string;
  /** Where lines go; default stdout. Tests pass a collecting stream. */
  destination?: pino.DestinationStream;
  /** Fields on every line (e.g. `{ role: 'worker' }`); replaces pino's pid/hostname. */
  base?: Record<string, unknown>;
  /** The project of Cloud Logging's trace field; without it lines carry only slackRequestId/jobId. */
  traceProject?: string;
}

/**
 * A logger whose lines carry `severity`, `message` and an ISO `time`, and which never writes a
 * credential: secret-named fields are replaced at any depth (log objects, child bindings, errors)
 * and tokens inside strings, the message included, are redacted.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  if (!(level in pino.levels.values) && level !== 'silent') {
    throw new UsageError(
      `invalid log level "${level}": use one of ${Object.keys(pino.levels.values).join(', ')}, silent`,
    );
  }
  const config: pino.LoggerOptions = {
    level,
    messageKey: 'message',
    // base goes through formatters.bindings too, so it is redacted like a child's bindings.
    base: options.base ?? {},
    timestamp: pino.stdTimeFunctions.isoTime,
    // The Slack request and job a line belongs to, from async context (src/logging/trace-context.ts).
    mixin: () => traceFields(options.traceProject),
    formatters: {
      level: (label) => ({ severity: cloudSeverity(label) }),
      bindings: (bindings) => redactSecrets(bindings) as Record<string, unknown>,
      log: (object) => redactSecrets(object) as Record<string, unknown>,
    },
    // The message is not part of the log object, so formatters.log never sees it.
    serializers: {
      message: (m: unknown) => (typeof m === 'string' ? redactText(m) : m),
      // formatters.log has already turned errors into redacted plain objects; pino's own err
      // serializer would re-serialize those as `type: "Object"`.
      err: (e: unknown) => (e instanceof Error ? redactSecrets(e) : e),
    },
  };
  const logger = pino(config, options.destination ?? stdoutLines());
  // pino gives every child a fresh bindings formatter, so redact bindings on the way in instead.
  // Children inherit from their parent, so overriding the root's method covers grandchildren too.
  type ChildFn = (this: Logger, bindings: pino.Bindings, options?: pino.ChildLoggerOptions) => Logger;
  const child = logger.child as unknown as ChildFn;
  const redactedChild: ChildFn = function (bindings, childOptions) {
    return child.call(this, redactSecrets(bindings) as pino.Bindings, childOptions);
  };
  logger.child = redactedChild as unknown as Logger['child'];
  return logger;
}

/**
 * Standard output, each line written in the logging call itself (sync), never held in memory.
 * pino's default, an asynchronous SonicBoom on fd 1, hands a line to the kernel only in a later
 * turn of the event loop (through libuv's threadpool), which is wrong for a bot in two ways:
 * - what a line reports can be seen before the line: BullMQ marks a job completed in Redis as soon
 *   as the processor returns, while its "job finished" line may still wait in SonicBoom
 *   (test/faults/sigterm-under-load.test.ts once counted 78 such lines for 79 jobs, reading the
 *   log of a bot that was still running);
 * - lines are lost at exit: Node makes fd 1 non-blocking, so a reader that falls behind makes a
 *   write fail with EAGAIN, and SonicBoom keeps that chunk to retry 100 ms later; its exit handler
 *   writes only the chunks queued behind it, so the `process.exit` that ends every stop
 *   (src/app/main.ts) dropped the held one (test/faults/log-lines-at-exit.test.ts).
 * A synchronous write waits out EAGAIN in the logging call, as Node's own stdout does on Linux pipes.
 */
function stdoutLines(): pino.DestinationStream {
  return pino.destination({ dest: 1, sync: true });
}
