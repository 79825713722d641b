import { RemoteError } from '../errors';
import { ApprovalRequest, approvalRequestSchema } from './approval-request';
import { describeIssue, parseOr } from '../validation/parse-or';

/*
 * How a request sits in Redis: one hash. The fields Lua scripts compare or change (state,
 * expiresAt, decision, progress...) are plain hash fields, so a script never has to decode and
 * re-encode JSON (cjson would turn an empty array into `{}`); what never changes after create is
 * one JSON field, `data`. The message reference, set once posted, is a JSON field of its own
 * (`message`) that scripts store as given.
 */

const MUTABLE = ['state', 'decidedBy', 'progress', 'result', 'operation'] as const;
const NUMERIC = ['expiresAt', 'decidedAt'] as const;
/** Hash fields of records written before the chat seam: the Slack channel and message ts (see approvalRequestSchema). */
const SLACK_FIELDS = ['channel', 'messageTs'] as const;

/** The hash fields of a new request. */
export function toHash(request: ApprovalRequest): Record<string, string> {
  const { id, action, target, params, change, requestedBy, conversation, createdAt } = request;
  const data = {
    id,
    action,
    target,
    ...(params !== undefined ? { params } : {}),
    change,
    requestedBy,
    conversation,
    createdAt,
  };
  const hash: Record<string, string> = { data: JSON.stringify(data) };
  for (const key of [...MUTABLE, ...NUMERIC]) {
    const value = request[key];
    if (value !== undefined) hash[key] = String(value);
  }
  if (request.message !== undefined) hash.message = JSON.stringify(request.message);
  return hash;
}

/** The request stored in a hash; a RemoteError naming the id when it is not a valid request. */
export function fromHash(id: string, hash: Record<string, string>): ApprovalRequest {
  const unreadable = (why: string) =>
    new RemoteError(
      `approval request ${id} is unreadable in Redis (${why}); it cannot be acted on, run the command again`,
    );
  let data: unknown;
  try {
    data = JSON.parse(hash.data ?? '');
  } catch {
    throw unreadable('its data is not JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw unreadable('its data is not an object');
  const candidate: Record<string, unknown> = { ...data };
  for (const key of [...MUTABLE, ...SLACK_FIELDS]) if (hash[key] !== undefined) candidate[key] = hash[key];
  if (hash.message !== undefined) {
    try {
      candidate.message = JSON.parse(hash.message);
    } catch {
      throw unreadable('its message reference is not JSON');
    }
  }
  for (const key of NUMERIC) if (hash[key] !== undefined) candidate[key] = Number(hash[key]);
  const request = parseOr(approvalRequestSchema, candidate, (issue) => unreadable(describeIssue(issue, 'record')));
  if (request.id !== id) throw unreadable('it names another id');
  return request;
}

/** An HGETALL-style flat [field, value, ...] reply (what a Lua script returns) as an object. */
export function pairsToHash(flat: unknown): Record<string, string> {
  const hash: Record<string, string> = {};
  if (!Array.isArray(flat)) return hash;
  for (let i = 0; i + 1 < flat.length; i += 2) hash[String(flat[i])] = String(flat[i + 1]);
  return hash;
}
