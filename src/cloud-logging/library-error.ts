/**
 * The library's REST transport reads responses as streams, so a failed call's gaxios error has no
 * parsed body: Google's error JSON is its message text. This puts the body back where the rest of
 * the bot reads it (src/google/api-error-reason.ts: `response.data.error.message`) and makes the
 * message Google's own words, as the googleapis clients' errors have them.
 */

/** A Cloud Logging API answer other than 2xx, with Google's error body parsed. */
export class LoggingHttpError extends Error {
  constructor(
    message: string,
    readonly response: { status: number; data: unknown },
  ) {
    super(message);
    this.name = 'LoggingHttpError';
  }
}

/** The library's error with its body parsed (a LoggingHttpError); anything else unchanged. */
export function withParsedErrorBody(err: unknown): unknown {
  if (err instanceof LoggingHttpError) return err;
  const e = err as { message?: unknown; response?: { status?: unknown; data?: unknown } } | null;
  const status = e?.response?.status;
  if (typeof status !== 'number') return err;
  const text = typeof e?.message === 'string' ? e.message : '';
  const data = typeof e?.response?.data === 'object' && e.response.data !== null ? e.response.data : parseJson(text);
  const googleMessage = (data as { error?: { message?: unknown } } | undefined)?.error?.message;
  return new LoggingHttpError(typeof googleMessage === 'string' ? googleMessage : text, { status, data });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
