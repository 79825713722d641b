import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConversationRef, MessageRef, conversationRefSchema, messageRefSchema } from '../chat/conversation-ref';
import { PrincipalId, storedPrincipalIdSchema } from '../chat/principal-id';
import { clusterTargetSchema, gkeNameSchema, locationSchema } from '../google/cluster-target';
import { APPROVAL_ACTIONS, ApprovalAction, FixParams, fixParamsProblem } from './fix-params';

export type { ApprovalAction, FixParams } from './fix-params';

/**
 * Where a request is in its life: pending until decided or expired; an approved one runs once.
 * The one definition: renderers take it from here.
 */
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
  /** Who asked for the change. */
  requestedBy: PrincipalId;
  /**
   * Where it was asked, and where the request message goes. Its platform is the only one whose
   * principals may decide it (approval ids are one space for all platforms).
   */
  conversation: ConversationRef;
  /** The request message once posted, to update it in place. */
  message?: MessageRef;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms; a pending request reads as `expired` from then on. */
  expiresAt: number;
  state: ApprovalState;
  decidedBy?: PrincipalId;
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

// The cluster target of every command, except that a setup-alerts request is about a project, not a
// location: its target says `global` (and its cluster is the placeholder `setup-alerts`, a valid name).
const changeTargetSchema = clusterTargetSchema.extend({ location: z.union([z.literal('global'), locationSchema]) });
const epochMs = z.number().int().nonnegative();
const line = (max: number) => z.string().max(max);

/**
 * Records written before the chat seam held Slack's own fields: `channel` (where it was asked)
 * and `messageTs` (the message in that channel). They read as a Slack conversation and message
 * reference; bare Slack user ids in `requestedBy`/`decidedBy` are read by storedPrincipalIdSchema.
 */
function fromSlackFields(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { channel, messageTs, ...rest } = value as Record<string, unknown>;
  if (channel === undefined && messageTs === undefined) return value;
  const upgraded: Record<string, unknown> = { ...rest };
  if (rest.conversation === undefined && typeof channel === 'string') {
    upgraded.conversation = { platform: 'slack', space: channel };
  }
  if (rest.message === undefined && typeof channel === 'string' && typeof messageTs === 'string') {
    upgraded.message = { platform: 'slack', space: channel, message: messageTs };
  }
  return upgraded;
}

const requestObjectSchema = z
  .object({
    id: approvalIdSchema,
    action: z.enum(APPROVAL_ACTIONS),
    // Checked per action below; records written before fixes existed have none.
    params: z.record(z.string(), z.unknown()).optional(),
    target: changeTargetSchema,
    change: z.object({
      from: z.boolean(),
      to: z.boolean(),
      poolsAffected: z.array(gkeNameSchema).max(1000),
      notes: z.array(line(2000)).max(50),
    }),
    requestedBy: storedPrincipalIdSchema,
    conversation: conversationRefSchema,
    message: messageRefSchema.optional(),
    createdAt: epochMs,
    expiresAt: epochMs,
    state: z.enum(APPROVAL_STATES),
    decidedBy: storedPrincipalIdSchema.optional(),
    decidedAt: epochMs.optional(),
    progress: line(4000).optional(),
    result: line(10000).optional(),
    operation: line(1000).optional(),
  })
  .superRefine((request, ctx) => {
    const problem = fixParamsProblem(request.action, request.params, request.target);
    if (problem) ctx.addIssue({ code: 'custom', path: problem.path.split('.'), message: problem.message });
    if (request.message && request.message.platform !== request.conversation.platform) {
      ctx.addIssue({ code: 'custom', path: ['message', 'platform'], message: 'not the platform it was asked on' });
    }
  });

/** Validates a request (what create() builds, and everything read back from Redis, old shapes included). */
export const approvalRequestSchema: z.ZodType<ApprovalRequest> = z.preprocess(
  fromSlackFields,
  requestObjectSchema,
) as unknown as z.ZodType<ApprovalRequest>;
