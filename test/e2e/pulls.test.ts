/**
 * `/imagestream pulls` end to end: signed command -> job -> GKE (the cluster's pools) -> Cloud
 * Logging (fake, paging) -> `check`'s rules for each full pull on a streaming pool -> the answer in Slack.
 */
import { FakeLogging, startFakeLogging } from '../fakes/logging-api';
import { fixtureEntries } from '../pulls/load-events';
import { PROD_1, prod1Cluster } from '../pulls/pulls-world';
import { Harness, messageText, startHarness } from '../support/bot-harness';

let logging: FakeLogging;
let h: Harness;
beforeAll(async () => {
  // Newest first, as Cloud Logging serves `timestamp desc`.
  logging = await startFakeLogging(fixtureEntries().reverse() as object[]);
  h = await startHarness({ LOGGING_API_ENDPOINT: logging.url, GOOGLE_CLOUD_PROJECT: 'acme-prod' });
  h.gke.addCluster(PROD_1, prod1Cluster());
});
afterAll(async () => {
  await h?.stop();
  await logging?.close();
});

const reply = (responseId: string) =>
  h.slack.waitFor((c) => c.method === 'response_url' && c.responseId === responseId, 10_000);

describe('/imagestream pulls', () => {
  it('answers in the channel: pulls per image, time saved, and the rule each full pull on a streaming pool fails', async () => {
    const r = await h.command('pulls prod-1 --location us-east1 --since 7d');
    expect(messageText(r.body)).toContain('Reading image pulls of prod-1 over the last 7d');
    const answer = (await reply(r.responseId)).body;
    expect(answer.response_type).toBe('in_channel');
    const text = messageText(answer);
    expect(text).toContain('Image pulls on prod-1 (last 7d)');
    expect(text).toContain('gb-frontend:v5');
    expect(text).toContain('44.7s');
    expect(text).toContain('artifact-registry');
    expect(text).toContain('node-scopes');
    expect(text).toContain('cached on the node: expected');
    expect(text).toContain('pull time');
    const request = logging.requests.at(-1)!;
    expect(request.resourceNames).toEqual(['projects/acme-prod']);
    expect(request.filter).toContain('log_id("events")');
    expect(request.filter).toContain('resource.labels.cluster_name = "prod-1"');
  });

  it('names the missing permission on a 403, to the requester only', async () => {
    logging.failWith(403, 'The caller does not have permission', 5);
    const before = logging.requests.length;
    const r = await h.command('pulls prod-1 --location us-east1');
    const answer = (await reply(r.responseId)).body;
    expect(answer.response_type).toBe('ephemeral');
    expect(messageText(answer)).toContain('logging.logEntries.list');
    expect(logging.requests.length - before).toBe(1);
    logging.failWith(403, 'reset', 0);
  });
});
