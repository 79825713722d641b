import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import { alertIdSchema } from '../alerts/alert-id';
import { slackCheckOptionsSchema } from '../check/check-options';
import { SINCE_VALUES } from '../cloud-logging/gcfsd-filter';
import { projectIdSchema } from '../google/cluster-target';

/**
 * The payload of every job, validated when it is queued and again when a worker takes it (it
 * crossed Redis). Payloads hold ids and arguments only: no token ever enters Redis.
 */

/** Slack user ids: U... or W... (Enterprise Grid), upper-case letters and digits. */
export const slackUserIdSchema = z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'not a Slack user id');

/** Where a command's answer goes: the command's response_url (valid 30 minutes) and who asked. */
export const replyToSchema = z.object({
  responseUrl: z.string().url('not a URL').max(500),
  userId: slackUserIdSchema,
  channelId: z.string().regex(/^[CGD][A-Z0-9]{2,20}$/, 'not a Slack channel id'),
});

/**
 * A message as a job hands it to the `reply` job (src/slack/slack-message.ts): its text and Block
 * Kit blocks, built by the bot's renderers, checked for shape here only (Slack checks the rest).
 */
export const slackMessageSchema = z.object({
  text: z.string().max(40_000),
  blocks: z
    .array(
      z.custom<KnownBlock>(
        (block) =>
          typeof block === 'object' && block !== null && typeof (block as { type?: unknown }).type === 'string',
        'not a Block Kit block',
      ),
    )
    .max(100),
});

const clusterArgs = z.object({
  project: z.string().min(1).max(64),
  location: z.string().min(1).max(64),
  cluster: z.string().min(1).max(40),
  pool: z.string().min(1).max(40).optional(),
});

/** What an alert's fix buttons ask for (src/slack/render-alert.ts). */
export const FIX_KINDS = [
  'replace-pool',
  'show-gcloud',
  'quota-increase',
  'upgrade-pool',
  'disable-pool',
  'retry-check',
  'run-check',
] as const;

export const JOB_SCHEMAS = {
  status: z.object({ replyTo: replyToSchema, target: clusterArgs }),
  verify: z.object({ replyTo: replyToSchema, target: clusterArgs }),
  check: z.object({ replyTo: replyToSchema, options: slackCheckOptionsSchema }),
  enable: z.object({ replyTo: replyToSchema, target: clusterArgs }),
  disable: z.object({ replyTo: replyToSchema, target: clusterArgs }),
  errors: z.object({
    replyTo: replyToSchema,
    target: clusterArgs.omit({ pool: true }).extend({ location: z.string().min(1).max(64).optional() }),
    since: z.enum(SINCE_VALUES),
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
  apply: z.object({ requestId: z.string().min(8).max(64) }),
  expire: z.object({ requestId: z.string().min(8).max(64) }),
  /** A command's answer on its way to the response_url (queue `replies`): retried through a Slack outage there. */
  reply: z.object({
    replyTo: replyToSchema,
    message: slackMessageSchema,
    responseType: z.enum(['ephemeral', 'in_channel']).optional(),
    replaceOriginal: z.boolean().optional(),
  }),
  /** Shows an approval request's current state on its message (queue `replies`; read when the job runs). */
  'approval-message': z.object({ requestId: z.string().min(8).max(64) }),
  /** Publishes one user's App Home (the page comes from Redis, so coalesced refreshes agree on it). */
  home: z.object({ userId: slackUserIdSchema }),
} as const;

export type JobName = keyof typeof JOB_SCHEMAS;
export type FixKind = (typeof FIX_KINDS)[number];
export type JobPayload<N extends JobName> = z.infer<(typeof JOB_SCHEMAS)[N]>;
export type ReplyTo = z.infer<typeof replyToSchema>;
export type ClusterArgs = z.infer<typeof clusterArgs>;

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOB_SCHEMAS, name);
}
