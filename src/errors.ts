/**
 * The small error taxonomy every entry point (the CLI, the chat handlers, the jobs) maps to a
 * reply: input errors become a one-line usage message (CLI exit 2), nothing else leaks a stack.
 */
export enum ErrorCode {
  /** The user's input is wrong: bad flag, bad image reference, bad version, unreadable file. */
  Usage = 'usage',
  /** A remote peer (registry, Google API) answered in a way we cannot use. */
  Remote = 'remote',
}

/** Bad user input; the message is shown to the user as is, so it must say what was wrong. */
export class UsageError extends Error {
  readonly code = ErrorCode.Usage;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A remote call failed; `status` is the HTTP status when there was one. */
export class RemoteError extends Error {
  readonly code = ErrorCode.Remote;
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

/** The message of anything thrown, for one-line reports. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  // An Error from another realm (a vm context, Jest's sandbox) fails instanceof; its message is
  // still the message, where String(err) would prefix its class and code.
  const message = (err as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : String(err);
}
