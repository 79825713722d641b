import { errorMessage } from '../errors';

/** gRPC status names by code: the client's StatusError carries only the number and the server's details. */
const GRPC_CODES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

/**
 * Why a streaming pull failed, for the log: its gRPC status name (when it has one) and message;
 * `err` undefined means the stream closed without reporting an error.
 */
export function streamFailureReason(err: unknown): string {
  if (err === undefined) return 'stream closed';
  const code = (err as { code?: unknown } | null)?.code;
  const name = typeof code === 'number' ? GRPC_CODES[code] : undefined;
  const message = errorMessage(err);
  return name && !message.includes(name) ? `${name}: ${message}` : message;
}
