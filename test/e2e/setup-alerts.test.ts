/** `/imagestream setup-alerts` end to end: approval request, approve, topic/subscription/sink/grant in the fakes. */
import { APPROVER, CHANNEL, Harness, SHOP, messageText, startHarness } from '../support/bot-harness';
import { FAKE_WRITER_IDENTITY, FakeLogging, startFakeLogging } from '../fakes/logging-api';
import { FakePubsubAdmin, startFakePubsubAdmin } from '../fakes/pubsub-admin-api';
import type { SlackCall } from '../fakes/slack-api';
import { until } from '../support/until';

let h: Harness;
let pubsub: FakePubsubAdmin;
let logging: FakeLogging;
beforeAll(async () => {
  pubsub = await startFakePubsubAdmin();
  logging = await startFakeLogging([]);
  h = await startHarness(
    { LOGGING_API_ENDPOINT: logging.url, IMAGESTREAM_AUDIT_LOG: 'imagestream-audit' },
    { pubsubEndpoint: pubsub.url },
  );
});
afterAll(async () => {
  await h?.stop();
  await pubsub?.close();
  await logging?.close();
});

function next(method: string, match: (c: SlackCall) => boolean = () => true, timeoutMs = 15_000): Promise<SlackCall> {
  const from = h.slack.calls.length;
  return h.slack.waitFor((c) => c.method === method && h.slack.calls.indexOf(c) >= from && match(c), timeoutMs);
}

describe('/imagestream setup-alerts', () => {
  it('asks for approval, then creates the topic, subscription and sink and grants publish rights', async () => {
    const posted = next('chat.postMessage');
    const ack = await h.command('setup-alerts --project acme-prod');
    expect(messageText(ack.body)).toContain('approval request follows');
    const message = await posted;
    const shown = messageText(message.body);
    for (const part of ['imagestream-gcfsd', 'imagestream-gcfsd-bot', 'roles/pubsub.publisher', 'acme-prod']) {
      expect(shown).toContain(part);
    }
    expect(pubsub.requests).toHaveLength(0);
    const actions = (message.body.blocks as any[]).find((b) => b.type === 'actions');
    const id = actions.elements.find((e: any) => e.action_id === 'imagestream_approve').value as string;

    const done = next('chat.update', (c) => /: (done|failed)$/i.test(String(c.body.text)), 20_000);
    await h.click({
      action_id: 'imagestream_approve',
      value: id,
      user_id: APPROVER,
      channel_id: CHANNEL,
      message_ts: '1700000000.000100',
    });
    const final = await done;
    expect(String(final.body.text)).toMatch(/: done$/i);
    expect(messageText(final.body)).toContain('PUBSUB_SUBSCRIPTION=imagestream-gcfsd-bot');

    const topic = pubsub.topics.get('projects/acme-prod/topics/imagestream-gcfsd');
    expect(topic?.policy.bindings).toEqual([{ role: 'roles/pubsub.publisher', members: [FAKE_WRITER_IDENTITY] }]);
    expect(pubsub.subscriptions.has('projects/acme-prod/subscriptions/imagestream-gcfsd-bot')).toBe(true);
    expect(logging.sinks.get('projects/acme-prod/sinks/imagestream-gcfsd')).toMatchObject({
      destination: 'pubsub.googleapis.com/projects/acme-prod/topics/imagestream-gcfsd',
    });

    // The audit trail of the change, also in the bot project's Cloud Logging log.
    const audit = () => logging.written.filter((e) => e.logName === `projects/${SHOP.project}/logs/imagestream-audit`);
    const kinds = () => audit().map((e) => e.jsonPayload?.kind);
    await until(
      () => kinds().includes('done'),
      10_000,
      'the audit entries in Cloud Logging',
      async () => audit(),
    );
    expect(kinds()).toEqual(expect.arrayContaining(['requested', 'approved', 'started', 'done']));
    expect(audit().find((e) => e.jsonPayload?.kind === 'approved')).toMatchObject({
      resource: { type: 'global' },
      jsonPayload: { user: `slack:${APPROVER}`, action: 'setup-alerts' },
    });
  });

  it('still prints the gcloud commands with --print', async () => {
    const r = await h.command('setup-alerts --print --project acme-prod');
    expect(messageText(r.body)).toContain('gcloud pubsub topics create imagestream-gcfsd --project=acme-prod');
  });
});
