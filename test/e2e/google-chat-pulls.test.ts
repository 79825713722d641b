/**
 * `/imagestream pulls` in Google Chat over HTTP: the same job as in Slack (Cloud Logging fake,
 * `check`'s rules), its answer created as a card in the space, the histogram in a code block.
 */
import { FakeLogging, startFakeLogging } from '../fakes/logging-api';
import { fixtureEntries } from '../pulls/load-events';
import { PROD_1, prod1Cluster } from '../pulls/pulls-world';
import { type Harness, startHarness } from '../support/bot-harness';
import { slashCommand, visibleText } from '../support/google-chat-events';
import { CHAT_SPACE, type ChatRig, startChatRig } from '../support/google-chat-rig';
import { until } from '../support/until';

jest.setTimeout(30_000);

let rig: ChatRig;
let logging: FakeLogging;
let h: Harness;

beforeAll(async () => {
  rig = await startChatRig();
  logging = await startFakeLogging(fixtureEntries().reverse() as object[]);
  h = await startHarness({ ...rig.env, LOGGING_API_ENDPOINT: logging.url, GOOGLE_CLOUD_PROJECT: 'acme-prod' });
  h.gke.addCluster(PROD_1, prod1Cluster());
});

afterAll(async () => {
  await h?.stop();
  await rig?.close();
  await logging?.close();
});

describe('/imagestream pulls in Google Chat', () => {
  it('acks at once, then posts the pulls and the failing rules as a card in the space', async () => {
    const before = rig.chat.messagesIn(CHAT_SPACE).length;
    const res = await rig.send(h.bot.port!, slashCommand('pulls prod-1 --location us-east1 --since 7d'));
    expect(res.status).toBe(200);
    expect(visibleText(res.body as { text?: string })).toContain('Reading image pulls of prod-1 over the last 7d');

    await until(() => rig.chat.messagesIn(CHAT_SPACE).length > before, 10_000, 'the pulls answer');
    const answer = rig.chat.messagesIn(CHAT_SPACE)[before]!;
    expect(answer.privateMessageViewer).toBeUndefined();
    const text = visibleText(answer);
    expect(text).toContain('Image pulls on prod-1 (last 7d)');
    expect(text).toContain('gb-frontend:v5');
    expect(text).toContain('artifact-registry');
    expect(text).toContain('node-scopes');
    expect(text).toContain('pull time');
    expect(logging.requests.at(-1)!.filter).toContain('resource.labels.cluster_name = "prod-1"');
  });
});
