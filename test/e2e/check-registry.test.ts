/**
 * `/imagestream check IMAGE` from Slack, where the image is whatever a user typed: a registry off the
 * allow-list gets no connection, and every refusal reads the same in the channel (no port scan
 * through the bot); why is in the log, for the operator.
 */
import net from 'node:net';
import { createLogger } from '../../src/logging/logger';
import { REGISTRY_UNREACHABLE } from '../../src/registry/registry-unreachable';
import { Harness, messageText, startHarness } from '../support/bot-harness';

let h: Harness;
let listener: net.Server;
let port: number;
let accepted = 0;
const logs: Array<{ message?: string; image?: string; detail?: string }> = [];

beforeAll(async () => {
  listener = net.createServer((socket) => {
    accepted++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as net.AddressInfo).port;
  const logger = createLogger({
    level: 'warn',
    destination: { write: (line: string) => void logs.push(JSON.parse(line)) },
  });
  // No IMAGESTREAM_REGISTRY_URL: images are read from their own host, as in production.
  h = await startHarness({ IMAGESTREAM_REGISTRY_URL: '' }, { logger });
});
afterAll(async () => {
  await h?.stop();
  await new Promise((resolve) => listener?.close(resolve));
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
    expect(accepted).toBe(0);
    const refused = logs.filter((l) => l.message === 'check: registry refused or unreachable');
    expect(refused.map((l) => l.image)).toEqual(hosts.map((host) => `${host}/acme/app:v1`));
    for (const { detail } of refused) expect(detail).toMatch(/^registry \S+ is not on the registry allow-list$/);
  });
});
