import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { refuseRequest } from '../../../src/app/refuse-request';
import { errorMessage } from '../../../src/errors';
import type { Logger } from '../../../src/logging/logger';
import { webUserSchema } from '../web-ids';
import { JsonBodyRefused, readJsonBody } from '../../../src/app/read-json-body';

/** What one playground request may send: a command line or a click is a few hundred bytes. */
const WEB_BODY_LIMITS = { limitBytes: 16 * 1024, timeoutMs: 5_000 };

/** A request the route refuses, with its status and a one-line reason for the browser. */
export class WebRequestRefused extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'WebRequestRefused';
  }
}

/** The JSON body, read within the limits and checked against `schema`; WebRequestRefused otherwise. */
export async function readBody<T extends z.ZodTypeAny>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await readJsonBody(req, WEB_BODY_LIMITS);
  } catch (err) {
    if (err instanceof JsonBodyRefused) throw new WebRequestRefused(err.status, err.message);
    throw err;
  }
  return checked(schema, body);
}

/** The `user` of the query string (`?user=alice`); WebRequestRefused when missing or malformed. */
export function userOfQuery(req: IncomingMessage): string {
  const user = new URL(req.url ?? '/', 'http://playground').searchParams.get('user');
  return checked(webUserSchema, user ?? undefined, 'user');
}

/** `value` as `schema` reads it, or a 400 naming the first problem on one line. */
function checked<T extends z.ZodTypeAny>(schema: T, value: unknown, name?: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [name, ...(issue?.path ?? [])].filter((p) => p !== undefined && p !== '').join('.');
  const reason = `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`.replace(/\s+/g, ' ');
  throw new WebRequestRefused(400, `bad request: ${reason}`);
}

/** Answers 200 with `body` as JSON. */
export function sendJson(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Runs an async handler: a refusal becomes its status and one line, anything else a logged 500;
 * never an unhandled rejection.
 */
export function serveAsync(
  logger: Logger,
  what: string,
  serve: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    serve(req, res).catch((err: unknown) => {
      if (err instanceof WebRequestRefused) return refuseRequest(res, err.status, err.message);
      logger.error(`error while serving ${what}: ${errorMessage(err)}`);
      refuseRequest(res, 500, 'internal error');
    });
  };
}
