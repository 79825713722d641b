/** create-alert-plumbing against the loopback Pub/Sub and Logging fakes: fresh, all there, binding present. */
import { createCloudLogging } from '../../src/cloud-logging/cloud-logging-client';
import { ALERT_SINK_FILTER } from '../../src/setup-alerts/alert-sink-filter';
import { PUBLISHER_ROLE, createAlertPlumbing } from '../../src/setup-alerts/create-alert-plumbing';
import { createPubsubAdminClient } from '../../src/setup-alerts/pubsub-admin-client';
import { defaultSetupNames } from '../../src/setup-alerts/setup-commands';
import { FAKE_TOKEN } from '../fakes/http-fake';
import { FAKE_WRITER_IDENTITY, FakeLogging, startFakeLogging } from '../fakes/logging-api';
import { FakePubsubAdmin, startFakePubsubAdmin } from '../fakes/pubsub-admin-api';

const names = defaultSetupNames('acme-prod');
const TOPIC = 'projects/acme-prod/topics/imagestream-gcfsd';
const OTHER = { role: 'roles/pubsub.viewer', members: ['user:ops@example.com'] };

let pubsubFake: FakePubsubAdmin;
let loggingFake: FakeLogging;
let deps: Parameters<typeof createAlertPlumbing>[0];

beforeEach(async () => {
  pubsubFake = await startFakePubsubAdmin();
  loggingFake = await startFakeLogging([]);
  deps = {
    pubsub: createPubsubAdminClient({ endpoint: pubsubFake.url, accessToken: FAKE_TOKEN }),
    logging: createCloudLogging({ endpoint: loggingFake.url, accessToken: FAKE_TOKEN, retryDelayMs: 1 }),
  };
});
afterEach(async () => {
  await pubsubFake.close();
  await loggingFake.close();
});

describe('createAlertPlumbing', () => {
  it('creates the topic, subscription and sink and grants the writer identity, keeping other bindings', async () => {
    const result = await createAlertPlumbing(deps, names);
    expect(result).toEqual({
      topic: 'created',
      subscription: 'created',
      sink: 'created',
      grant: 'added',
      writerIdentity: FAKE_WRITER_IDENTITY,
    });
    expect(pubsubFake.subscriptions.get('projects/acme-prod/subscriptions/imagestream-gcfsd-bot')).toMatchObject({
      topic: TOPIC,
      ackDeadlineSeconds: 60,
      messageRetentionDuration: '86400s',
    });
    expect(loggingFake.sinks.get('projects/acme-prod/sinks/imagestream-gcfsd')).toMatchObject({
      destination: `pubsub.googleapis.com/${TOPIC}`,
      filter: ALERT_SINK_FILTER,
    });
    expect(loggingFake.sinkRequests[0]).toContain('uniqueWriterIdentity=true');
    expect(pubsubFake.topics.get(TOPIC)!.policy.bindings).toEqual([
      { role: PUBLISHER_ROLE, members: [FAKE_WRITER_IDENTITY] },
    ]);
  });

  it('reuses what exists and keeps existing bindings (a resumed job)', async () => {
    await createAlertPlumbing(deps, names);
    const topic = pubsubFake.topics.get(TOPIC)!;
    topic.policy = { etag: 'b3RoZXI=', bindings: [OTHER] };
    const result = await createAlertPlumbing(deps, names);
    expect(result).toMatchObject({ topic: 'reused', subscription: 'reused', sink: 'reused', grant: 'added' });
    expect(pubsubFake.topics.get(TOPIC)!.policy.bindings).toEqual([
      OTHER,
      { role: PUBLISHER_ROLE, members: [FAKE_WRITER_IDENTITY] },
    ]);
    expect(pubsubFake.subscriptions.size).toBe(1);
    expect(loggingFake.sinks.size).toBe(1);
  });

  it('does not duplicate a binding already present nor set the policy again', async () => {
    await createAlertPlumbing(deps, names);
    const topic = pubsubFake.topics.get(TOPIC)!;
    topic.policy = {
      etag: 'eA==',
      bindings: [{ role: PUBLISHER_ROLE, members: ['user:a@example.com', FAKE_WRITER_IDENTITY] }],
    };
    const sets = () => pubsubFake.requests.filter((r) => r.endsWith(':setIamPolicy')).length;
    const before = sets();
    const result = await createAlertPlumbing(deps, names);
    expect(result.grant).toBe('present');
    expect(sets()).toBe(before);
    expect(topic.policy.bindings[0]!.members).toEqual(['user:a@example.com', FAKE_WRITER_IDENTITY]);
  });

  it('adds the member to an existing publisher binding, sending the etag it read', async () => {
    await deps.pubsub.projects.topics.create({ name: TOPIC, requestBody: {} });
    pubsubFake.topics.get(TOPIC)!.policy = {
      etag: 'ZQ==',
      bindings: [{ role: PUBLISHER_ROLE, members: ['user:a@example.com'] }],
    };
    await createAlertPlumbing(deps, names);
    expect(pubsubFake.policiesSet.map((p) => p.etag)).toEqual(['ZQ==']);
    expect(pubsubFake.topics.get(TOPIC)!.policy.bindings).toEqual([
      { role: PUBLISHER_ROLE, members: ['user:a@example.com', FAKE_WRITER_IDENTITY] },
    ]);
  });
});
