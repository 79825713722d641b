import type { Logging } from '@google-cloud/logging';
import type { pubsub_v1 } from 'googleapis/build/src/apis/pubsub';
import { RemoteError } from '../errors';
import { ALERT_SINK_FILTER } from './alert-sink-filter';
import { createSink, getSink } from './log-sinks';
import type { AlertSetupNames } from './setup-commands';

/** The clients `setup-alerts` creates with. */
export interface AlertPlumbingDeps {
  pubsub: pubsub_v1.Pubsub;
  /** The @google-cloud/logging client (src/cloud-logging/cloud-logging-client.ts). */
  logging: Logging;
}

/** What each step did: created now, or found already there (a resumed job, or a second run). */
export interface AlertPlumbingResult {
  topic: 'created' | 'reused';
  subscription: 'created' | 'reused';
  sink: 'created' | 'reused';
  grant: 'added' | 'present';
  writerIdentity: string;
}

export const PUBLISHER_ROLE = 'roles/pubsub.publisher';

/**
 * Creates the topic, the subscription (ack deadline 60 s, retention 1 day), the log sink with its
 * own writer identity, and grants that identity publish rights on the topic. Every step is
 * idempotent: 409 ALREADY_EXISTS means reuse, and the IAM binding is added only when missing
 * (read-modify-write with the policy's etag), so a resumed job is safe.
 */
export async function createAlertPlumbing(deps: AlertPlumbingDeps, n: AlertSetupNames): Promise<AlertPlumbingResult> {
  const topicName = `projects/${n.project}/topics/${n.topic}`;
  const topic = await createOrReuse(() => deps.pubsub.projects.topics.create({ name: topicName, requestBody: {} }));
  const subscription = await createOrReuse(() =>
    deps.pubsub.projects.subscriptions.create({
      name: `projects/${n.project}/subscriptions/${n.subscription}`,
      requestBody: { topic: topicName, ackDeadlineSeconds: 60, messageRetentionDuration: '86400s' },
    }),
  );
  const sink = await createOrReuse(() =>
    createSink(deps.logging, n.project, {
      name: n.sink,
      destination: `pubsub.googleapis.com/${topicName}`,
      filter: ALERT_SINK_FILTER,
    }),
  );
  const { writerIdentity } = await getSink(deps.logging, n.project, n.sink);
  if (!writerIdentity) throw new RemoteError(`sink ${n.sink} has no writerIdentity`);
  const grant = await grantPublisher(deps.pubsub, topicName, writerIdentity);
  return { topic, subscription, sink, grant, writerIdentity };
}

async function grantPublisher(
  pubsub: pubsub_v1.Pubsub,
  resource: string,
  member: string,
): Promise<AlertPlumbingResult['grant']> {
  const policy = (await pubsub.projects.topics.getIamPolicy({ resource })).data;
  const bindings = policy.bindings ?? [];
  const existing = bindings.find((b) => b.role === PUBLISHER_ROLE && !b.condition);
  if (existing?.members?.includes(member)) return 'present';
  const updated = existing
    ? bindings.map((b) => (b === existing ? { ...b, members: [...(b.members ?? []), member] } : b))
    : [...bindings, { role: PUBLISHER_ROLE, members: [member] }];
  await pubsub.projects.topics.setIamPolicy({
    resource,
    requestBody: { policy: { ...policy, bindings: updated } },
  });
  return 'added';
}

async function createOrReuse(create: () => Promise<unknown>): Promise<'created' | 'reused'> {
  try {
    await create();
    return 'created';
  } catch (err) {
    if (statusOf(err) === 409) return 'reused';
    throw err;
  }
}

function statusOf(err: unknown): number | undefined {
  const e = err as { status?: unknown; code?: unknown; response?: { status?: unknown } };
  const s = e?.response?.status ?? e?.status ?? e?.code;
  return typeof s === 'number' ? s : typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : undefined;
}

/** The result line of the approval message. */
export function describePlumbing(n: AlertSetupNames, r: AlertPlumbingResult): string {
  return (
    `done: topic ${n.topic} ${r.topic}, subscription ${n.subscription} ${r.subscription}, ` +
    `sink ${n.sink} ${r.sink}, ${PUBLISHER_ROLE} for ${r.writerIdentity} ${r.grant === 'added' ? 'granted' : 'already present'} ` +
    `on the topic (project ${n.project}). Now set PUBSUB_SUBSCRIPTION=${n.subscription} on the bot.`
  );
}
