/** `/imagestream errors` end to end: signed command -> job -> Cloud Logging (fake, paging) -> classified summary in Slack. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FakeLogging, startFakeLogging } from '../fakes/logging-api';
import { Harness, messageText, startHarness } from '../support/bot-harness';

const entries = JSON.parse(
  readFileSync(path.join(__dirname, '..', 'fixtures', 'cloud-logging', 'gcfsd-entries.json'), 'utf8'),
) as object[];

let logging: FakeLogging;
let h: Harness;
beforeAll(async () => {
  logging = await startFakeLogging(entries);
  h = await startHarness({ LOGGING_API_ENDPOINT: logging.url, GOOGLE_CLOUD_PROJECT: 'acme-prod' });
});
afterAll(async () => {
  await h?.stop();
  await logging?.close();
});

const reply = (responseId: string) =>
  h.slack.waitFor((c) => c.method === 'response_url' && c.responseId === responseId, 10_000);

describe('/imagestream errors', () => {
  it('queries the cluster gcfsd logs and answers one block per class with its fix', async () => {
    const r = await h.command('errors prod-east --location us-east1 --since 6h');
    expect(messageText(r.body)).toMatch(/Reading gcfsd errors of prod-east/);
    const text = messageText((await reply(r.responseId)).body);
    expect(text).toMatch(/quota/i);
    expect(text).toMatch(/devstorage\.read_only/);
    const request = logging.requests.at(-1)!;
    expect(request.resourceNames).toEqual(['projects/acme-prod']);
    expect(request.filter).toContain('resource.labels.cluster_name = "prod-east"');
    expect(request.orderBy).toBe('timestamp desc');
  });

  it('rejects a cluster name with a quote before any query', async () => {
    const before = logging.requests.length;
    const r = await h.command('errors prod"east');
    expect(r.body.response_type).toBe('ephemeral');
    expect(messageText(r.body)).toMatch(/cluster/);
    expect(logging.requests.length).toBe(before);
  });

  it('rejects an unknown --since', async () => {
    expect(messageText((await h.command('errors prod-east --since 2w')).body)).toMatch(
      /--since must be one of 1h, 6h, 24h, 7d/,
    );
  });

  it('names the missing permission on a 403, once', async () => {
    logging.failWith(403, 'The caller does not have permission', 5);
    const before = logging.requests.length;
    const r = await h.command('errors prod-east');
    const text = messageText((await reply(r.responseId)).body);
    expect(text).toContain('logging.logEntries.list');
    expect(logging.requests.length - before).toBe(1);
    logging.failWith(403, 'reset', 0);
  });
});

describe('/imagestream setup-alerts --print', () => {
  it('prints the gcloud commands with the sink filter', async () => {
    const r = await h.command('setup-alerts --print --project acme-prod');
    const text = messageText(r.body);
    expect(text).toContain('gcloud pubsub topics create imagestream-gcfsd --project=acme-prod');
    expect(text).toContain('gcloud logging sinks create imagestream-gcfsd');
    expect(text).toContain('roles/pubsub.publisher');
    expect(text).toContain('log_id(');
  });
});
