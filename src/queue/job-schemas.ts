import { z } from 'zod';
import { alertIdSchema } from '../alerts/alert-id';
import { slackCheckOptionsSchema } from '../check/check-options';
import { conversationRefSchema } from '../chat/conversation-ref';
import { messageDocumentSchema } from '../chat/message-document-schema';
import { principalIdSchema } from '../chat/principal-id';
import { SINCE_VALUES } from '../cloud-logging/gcfsd-filter';
import { TICK_PATTERN } from '../digest/digest-ids';
import { anyLocationClusterTargetSchema, clusterTargetSchema, projectIdSchema } from '../google/cluster-target';
import { imageReferenceSchema } from '../images/image-reference-schema';
import { namespaceNameSchema } from '../kubernetes/namespace-name';

/**
 * The payload of every job, validated when it is queued and again when a worker takes it (it
 * crossed Redis). Payloads hold ids and arguments only: no token ever enters Redis.
 */

/** A reply target as queued before the chat seam: Slack's own fields. Read, never written, by this version. */
export interface LegacySlackReplyTo {
  responseUrl: string;
  userId: string;
  channelId: string;
}

/**
 * Where a job's answer goes and who asked, as a producer hands it over (checked when queued). An
 * adapter leaves out an id it could not accept (a channel id of another shape), so the payload is
 * refused naming that field; the legacy Slack shape is accepted for payloads queued by an earlier
 * version (and producers not yet moved to the neutral one).
 */
export type ReplyTo =
  | {
      conversation: { platform: string; space?: string; thread?: string; replyHandle?: string };
      requester?: string;
    }
  | LegacySlackReplyTo;

function isLegacySlackReplyTo(value: unknown): value is LegacySlackReplyTo {
  return typeof value === 'object' && value !== null && 'responseUrl' in value && !('conversation' in value);
}

/** The legacy Slack fields as the neutral target (the user id stays unchecked: the schema checks it). */
function fromLegacySlack(value: ReplyTo): unknown {
  if (!isLegacySlackReplyTo(value)) return value;
  return {
    conversation: { platform: 'slack', space: value.channelId, replyHandle: value.responseUrl },
    requester: typeof value.userId === 'string' ? `slack:${value.userId}` : value.userId,
  };
}

/**
 * Where a job's answer goes (the conversation, with the platform's reply handle when it has one)
 * and who asked: one schema for every platform; only the conversation's adapter reads its ids.
 */
export const replyToSchema = z.preprocess<
  unknown,
  z.ZodObject<{ conversation: typeof conversationRefSchema; requester: typeof principalIdSchema }>,
  ReplyTo
>(fromLegacySlack, z.object({ conversation: conversationRefSchema, requester: principalIdSchema }));

/** What an alert's fix buttons ask for (src/render/alert-message.ts). */
export const FIX_KINDS = [
  'replace-pool',
  'show-gcloud',
  'quota-increase',
  'upgrade-pool',
  'disable-pool',
  'retry-check',
  'run-check',
] as const;

const requestIdSchema = z.string().min(8).max(64);

/**
 * A user's id on the platform of a platform-only job (the Slack App Home's `home`): the local part
 * of a principal id; the adapter that runs the job checks its own shape.
 */
const platformUserIdSchema = z.string().regex(/^[A-Za-z0-9_./@+-]{1,180}$/, 'not a user id');

export const JOB_SCHEMAS = {
  status: z.object({ replyTo: replyToSchema, target: clusterTargetSchema }),
  verify: z.object({ replyTo: replyToSchema, target: clusterTargetSchema }),
  check: z.object({ replyTo: replyToSchema, options: slackCheckOptionsSchema }),
  enable: z.object({ replyTo: replyToSchema, target: clusterTargetSchema }),
  disable: z.object({ replyTo: replyToSchema, target: clusterTargetSchema }),
  errors: z.object({
    replyTo: replyToSchema,
    target: anyLocationClusterTargetSchema,
    since: z.enum(SINCE_VALUES),
  }),
  /** `/imagestream pulls`: one cluster's image pulls from its Kubernetes events (the job reads its pools too). */
  pulls: z.object({
    replyTo: replyToSchema,
    target: clusterTargetSchema.omit({ pool: true }),
    since: z.enum(SINCE_VALUES),
    image: imageReferenceSchema.optional(),
    namespace: namespaceNameSchema.optional(),
  }),
  fix: z.object({
    replyTo: replyToSchema,
    alertId: alertIdSchema,
    fix: z.enum(FIX_KINDS),
  }),
  'setup-alerts': z.object({
    replyTo: replyToSchema,
    project: projectIdSchema,
  }),
  apply: z.object({ requestId: requestIdSchema }),
  expire: z.object({ requestId: requestIdSchema }),
  /**
   * A command's answer on its way to its conversation (queue `replies`): retried through an outage
   * of the platform, by the messenger of the conversation's platform.
   */
  reply: z.object({
    replyTo: replyToSchema,
    message: messageDocumentSchema,
    visibility: z.enum(['private', 'public']).optional(),
    replaceOriginal: z.boolean().optional(),
  }),
  /** Shows an approval request's current state on its message (queue `replies`; read when the job runs). */
  'approval-message': z.object({ requestId: requestIdSchema }),
  /** A tick of the weekly digest (added by its job scheduler): fans out one `digest-cluster` job per routed cluster. */
  digest: z.object({}),
  /** One cluster's digest of one tick, posted to the cluster's alert destinations (jobs/digest-cluster.ts). */
  'digest-cluster': z.object({
    tick: z.string().regex(TICK_PATTERN, 'not a digest tick'),
    target: clusterTargetSchema.omit({ pool: true }),
    destinations: z.array(conversationRefSchema).min(1).max(10),
  }),
  /** Publishes one user's Slack App Home (the page comes from Redis, so coalesced refreshes agree on it). */
  home: z.object({ userId: platformUserIdSchema }),
} as const;

export type JobName = keyof typeof JOB_SCHEMAS;
export type FixKind = (typeof FIX_KINDS)[number];
/** A job's payload as a producer hands it to the queue (validated there). */
export type JobPayload<N extends JobName> = z.input<(typeof JOB_SCHEMAS)[N]>;
/** A job's payload as its job receives it: validated, legacy shapes read into the current ones. */
export type JobData<N extends JobName> = z.output<(typeof JOB_SCHEMAS)[N]>;
/** Where a job answers and who asked, validated. */
export type ReplyTarget = z.output<typeof replyToSchema>;
export type ClusterArgs = z.output<typeof clusterTargetSchema>;

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOB_SCHEMAS, name);
}
