/**
 * A Redis that hangs (the server frozen with SIGSTOP: connections open, no answers) must not cost
 * a slash command its ack: every Redis call made before the ack has the same short deadline
 * (IMAGESTREAM_ACK_REDIS_TIMEOUT_MS, short here), so Bolt answers 200 with a clear message in
 * time instead of its own 404 at 3 s. A private redis-server: the shared one is never frozen.
 */
import { AofRedis, startAofRedis } from '../support/redis-aof';
import { CHANNEL, Harness, messageText, startHarness } from '../support/bot-harness';

let redis: AofRedis;
let h: Harness;

beforeAll(async () => {
  redis = await startAofRedis();
  h = await startHarness({
    REDIS_URL: redis.url,
    IMAGESTREAM_ROLE: 'web',
    IMAGESTREAM_ACK_REDIS_TIMEOUT_MS: '300',
    // enable is allowed elsewhere only: a refusal there writes to the audit log before the ack.
    IMAGESTREAM_MUTATION_CHANNELS: 'C0ALLOWED1',
  });
  redis.pause();
});
afterAll(async () => {
  redis?.resume();
  await h?.stop();
  await redis?.close();
});

it('audit answers that the queue is not answering', async () => {
  const ack = await h.command('audit 5');
  expect(ack.status).toBe(200);
  expect(messageText(ack.body)).toMatch(/the bot's queue is not answering.*try again/i);
});

it('a refused enable is still told where it is allowed (the audit write gives up)', async () => {
  const ack = await h.command('enable shop --pool default-pool', { channel: CHANNEL });
  expect(ack.status).toBe(200);
  expect(messageText(ack.body)).toContain('is allowed only in <#C0ALLOWED1>');
});

it('a queued command says nothing was queued', async () => {
  const ack = await h.command('status shop');
  expect(ack.status).toBe(200);
  expect(messageText(ack.body)).toMatch(/nothing was queued/);
});
