/**
 * `/imagestream check IMAGE` from Slack, where the image is whatever a user typed: a registry off the
 * allow-list gets no connection, and every refusal reads the same in the channel (no port scan
 * through the bot); why is in the log, for the operator.
 */
import { createLogger } from '../../src/logging/logger';
import { REGISTRY_UNREACHABLE } from '../../src/registry/registry-unreachable';
import { Harness, messageText, startHarness } from '../support/bot-harness';
import { CountingListener, startCountingListener } from '../support/counting-listener';

let h: Harness;
let listener: CountingListener;
let port: number;
const logs: Array<{ message?: string; image?: string; detail?: string }> = [];

beforeAll(async () => {
  listener = await startCountingListener();
  port = listener.port;
  const logger = createLogger({
    level: 'warn',
    destination: { write: (line: string) => void logs.push(JSON.parse(line)) },
  });
  // No IMAGESTREAM_REGISTRY_URL: images are read from their own host, as in production.
  h = await startHarness({ IMAGESTREAM_REGISTRY_URL: '' }, { logger });
});
afterAll(async () => {
  await h?.stop();
  await listener?.close();
});

const reply = (responseId: string) =>
  h.slack.waitFor((c) => c.method === 'response_url' && c.responseId === responseId, 10_000);

describe('/imagestream check on a registry off the allow-list', () => {
  it('answers every host form with the same sentence, connects nowhere, and logs why', async () => {
    const hosts = [
      `127.0.0.1:${port}`,
      `0x7f000001:${port}`,
      `127.1:${port}`,
      '169.254.169.254:443',
      'metadata.google.internal:80',
      '10.0.0.1:6379',
    ];
    const answers = new Set<string>();
    for (const host of hosts) {
      const image = `${host}/acme/app:v1`;
      const r = await h.command(`check ${image} --gke-version 1.27.3-gke.100 --node-location us-east1-b`);
      const text = messageText((await reply(r.responseId)).body);
      expect(text).toContain(REGISTRY_UNREACHABLE);
      expect(text).not.toMatch(/allow-list|ECONNREFUSED|TLS|SSL|did not answer|cannot reach/);
      // The rest of the report is the same for every host once the image's and host's names are taken out.
      answers.add(text.split(image).join('IMAGE').split(host).join('HOST'));
    }
    expect([...answers]).toHaveLength(1);
    expect(listener.accepted()).toBe(0);
    const refused = logs.filter((l) => l.message === 'check: registry refused or unreachable');
    expect(refused.map((l) => l.image)).toEqual(hosts.map((host) => `${host}/acme/app:v1`));
    for (const { detail } of refused) expect(detail).toMatch(/^registry \S+ is not on the registry allow-list$/);
  });
});
