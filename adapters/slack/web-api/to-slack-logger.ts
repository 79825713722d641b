import { LogLevel, type Logger } from '@slack/web-api';

/** The four levels any logger has (pino's, Slack's own, console): all the Web API client needs. */
export interface LogSink {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * The app's logger as @slack/web-api's Logger interface. The client passes several arguments per
 * line ("http request failed", reason); they become one message string, so a structured logger
 * keeps them in its message field. Level and name are the app logger's business: no-ops here.
 */
export function toSlackLogger(sink: LogSink): Logger {
  const line = (args: unknown[]): string =>
    `slack web-api: ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')}`;
  return {
    debug: (...args: unknown[]) => sink.debug(line(args)),
    info: (...args: unknown[]) => sink.info(line(args)),
    warn: (...args: unknown[]) => sink.warn(line(args)),
    error: (...args: unknown[]) => sink.error(line(args)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.DEBUG,
    setName: () => undefined,
  };
}
