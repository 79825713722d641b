import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { APPROVAL_ACTIONS, ApprovalAction, FixParams, fixParamsProblem } from './fix-params';

export type { ApprovalAction, FixParams } from './fix-params';

/** Where a request is in its life: pending until decided or expired; an approved one runs once. */
export type ApprovalState = 'pending' | 'approved' | 'denied' | 'expired' | 'running' | 'done' | 'failed';

/** The cluster, or one node pool of it, that a change is about. */
export interface ChangeTarget {
  project: string;
  location: string;
  cluster: string;
  pool?: string;
}

/** One change (enable/disable, or an alert's fix) waiting for (or past) an approver's decision. */
export interface ApprovalRequest {
  /** Random, URL-safe, unguessable: 128 bits in base64url. */
  id: string;
  action: ApprovalAction;
  target: ChangeTarget;
  /** What a fix needs besides the target (validated per action; absent for enable/disable). */
  params?: FixParams;
  change: { from: boolean; to: boolean; poolsAffected: string[]; notes: string[] };
  /** Slack user id of the requester. */
  requestedBy: string;
  /** Where the request message lives. */
  channel: string;
  /** The request message, for chat.update. */
  messageTs?: string;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms; a pending request reads as `expired` from then on. */
  expiresAt: number;
  state: ApprovalState;
  decidedBy?: string;
  decidedAt?: number;
  /** Latest progress line of the job. */
  progress?: string;
  /** Final result, or the API's error. */
  result?: string;
  /** GKE operation name once submitted (a resumed job waits for it instead of updating again). */
  operation?: string;
}

/** Every state, in life order. */
export const APPROVAL_STATES = ['pending', 'approved', 'denied', 'expired', 'running', 'done', 'failed'] as const;

/** The shape of the ids this bot issues: 16 random bytes in base64url, 22 characters. */
export const approvalIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not an approval request id');

/** A fresh, unguessable request id (128 random bits; button values and Redis keys are safe with it). */
export function newApprovalId(): string {
  return randomBytes(16).toString('base64url');
}

// Loose enough for every real name, strict enough that nothing odd reaches Slack text or a URL.
const gcpName = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits or hyphens');
/** A Slack user or channel id (U012AB3CD, W..., C..., G..., D...); nothing that could break `<@id>` markup. */
export const slackIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Slack id');
const slackId = slackIdSchema;
const epochMs = z.number().int().nonnegative();
const line = (max: number) => z.string().max(max);

/** Validates a request (what create() builds, and everything read back from Redis). */
export const approvalRequestSchema: z.ZodType<ApprovalRequest> = z
  .object({
    id: approvalIdSchema,
    action: z.enum(APPROVAL_ACTIONS),
    // Checked per action below; records written before fixes existed have none.
    params: z.record(z.string(), z.unknown()).optional(),
    target: z.object({ project: gcpName, location: gcpName, cluster: gcpName, pool: gcpName.optional() }),
    change: z.object({
      from: z.boolean(),
      to: z.boolean(),
      poolsAffected: z.array(gcpName).max(1000),
      notes: z.array(line(2000)).max(50),
    }),
    requestedBy: slackId,
    channel: slackId,
    messageTs: z
      .string()
      .regex(/^\d{1,12}\.\d{1,8}$/, 'must be a Slack message ts')
      .optional(),
    createdAt: epochMs,
    expiresAt: epochMs,
    state: z.enum(APPROVAL_STATES),
    decidedBy: slackId.optional(),
    decidedAt: epochMs.optional(),
    progress: line(4000).optional(),
    result: line(10000).optional(),
    operation: line(1000).optional(),
  })
  .superRefine((request, ctx) => {
    const problem = fixParamsProblem(request.action, request.params, request.target);
    if (problem) ctx.addIssue({ code: 'custom', path: problem.path.split('.'), message: problem.message });
  }) as z.ZodType<ApprovalRequest>;
