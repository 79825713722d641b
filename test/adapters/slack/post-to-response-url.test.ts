import { RemoteError } from '../../../src/errors';
import { postToResponseUrl } from '../../../adapters/slack/messenger/post-to-response-url';
import { FakeSlack, startFakeSlack } from '../../fakes/slack-api';

const message = {
  text: 'done',
  blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'done' } }],
};

describe('postToResponseUrl', () => {
  let fake: FakeSlack;
  let waits: number[];
  const sleep = async (ms: number): Promise<void> => void waits.push(ms);

  beforeEach(async () => {
    fake = await startFakeSlack();
    waits = [];
  });
  afterEach(() => fake.close());

  it('posts the message as JSON with response_type and replace_original', async () => {
    await postToResponseUrl(fake.responseUrl('r1'), message, {
      allowedPrefix: fake.responseUrlPrefix,
      responseType: 'in_channel',
      replaceOriginal: false,
      sleep,
    });
    expect(fake.callsOf('response_url')).toEqual([
      expect.objectContaining({
        responseId: 'r1',
        body: { text: 'done', blocks: message.blocks, response_type: 'in_channel', replace_original: false },
      }),
    ]);
  });

  it('after two 429s waits Retry-After each time and delivers the message once', async () => {
    fake.failNextResponse('r2', 2, { status: 429, retryAfter: 3 });
    await postToResponseUrl(fake.responseUrl('r2'), message, { allowedPrefix: fake.responseUrlPrefix, sleep });
    expect(fake.rejected.map((c) => c.status)).toEqual([429, 429]);
    expect(fake.callsOf('response_url')).toHaveLength(1);
    expect(waits).toEqual([3000, 3000]);
  });

  it('retries a 5xx with growing backoff', async () => {
    fake.failNextResponse('r3', 3, { status: 500 });
    await postToResponseUrl(fake.responseUrl('r3'), message, { allowedPrefix: fake.responseUrlPrefix, sleep });
    expect(fake.callsOf('response_url')).toHaveLength(1);
    expect(waits).toHaveLength(3);
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
    expect(waits[2]!).toBeGreaterThan(waits[1]!);
  });

  it('retries a connection that fails, then gives up with a RemoteError when its time is up', async () => {
    const url = fake.responseUrl('gone');
    const prefix = fake.responseUrlPrefix;
    await fake.close();
    const err = await postToResponseUrl(url, message, { allowedPrefix: prefix, sleep, retryForMs: 1500 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as Error).message).toMatch(/after 3 attempts/);
    expect(waits).toHaveLength(2);
    fake = await startFakeSlack(); // for afterEach
  });

  it("gives up on a 4xx other than 429 at once, with Slack's answer in the error", async () => {
    const calls: string[] = [];
    const fetch404: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response('expired_url', { status: 404 });
    };
    const err = await postToResponseUrl('https://hooks.slack.com/commands/T1/1/abc', message, {
      fetch: fetch404,
      sleep,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).status).toBe(404);
    expect((err as Error).message).toContain('expired_url');
    expect(calls).toEqual(['https://hooks.slack.com/commands/T1/1/abc']);
    expect(waits).toEqual([]);
  });

  it('does not retry a message Slack rejects as invalid (the fake checks Block Kit limits)', async () => {
    const tooMany = { text: 'x', blocks: Array.from({ length: 51 }, () => message.blocks[0]!) };
    await expect(
      postToResponseUrl(fake.responseUrl('r4'), tooMany, { allowedPrefix: fake.responseUrlPrefix, sleep }),
    ).rejects.toThrow(/invalid_blocks/);
    expect(waits).toEqual([]);
  });

  it.each([
    'http://hooks.slack.com/commands/1/2/3',
    'https://hooks.slack.com.evil.example/commands/1',
    'https://evil.example/https://hooks.slack.com/',
    'https://user:pw@hooks.slack.com/commands/1',
    'https://hooks.slack.com:444/commands/1',
    'http://127.0.0.1:9/response/x',
    'not a url',
    '',
  ])('refuses %j without connecting anywhere', async (url) => {
    const calls: string[] = [];
    const spy: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response('ok');
    };
    await expect(
      postToResponseUrl(url, message, { fetch: spy, sleep, allowedPrefix: fake.responseUrlPrefix }),
    ).rejects.toThrow(RemoteError);
    expect(calls).toEqual([]);
  });

  it('accepts a response URL on hooks.slack.com without any configured prefix', async () => {
    const calls: string[] = [];
    const spy: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response('ok');
    };
    await postToResponseUrl('https://hooks.slack.com/actions/T1/2/abc', message, { fetch: spy, sleep });
    expect(calls).toEqual(['https://hooks.slack.com/actions/T1/2/abc']);
  });

  describe('its time budget (a reply outlives a Slack outage)', () => {
    it('keeps retrying past the 8 attempts of the default, and delivers once', async () => {
      fake.failNextResponse('long', 12, { status: 500 });
      await postToResponseUrl(fake.responseUrl('long'), message, {
        allowedPrefix: fake.responseUrlPrefix,
        retryForMs: 25 * 60_000,
        sleep,
      });
      expect(fake.rejected).toHaveLength(12);
      expect(fake.callsOf('response_url')).toHaveLength(1);
      // Longer than a minute of outage survived; no wait longer than the 15 s cap.
      expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThan(60_000);
      expect(Math.max(...waits)).toBe(15_000);
    });

    it('gives up once the next wait would pass the budget', async () => {
      fake.failNextResponse('down', 1000, { status: 500 });
      const err = await postToResponseUrl(fake.responseUrl('down'), message, {
        allowedPrefix: fake.responseUrlPrefix,
        retryForMs: 60_000,
        sleep,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RemoteError);
      expect((err as Error).message).toMatch(/could not deliver the reply .* HTTP 500/);
      expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
      expect(fake.callsOf('response_url')).toEqual([]);
    });

    it('stops waiting at once when its signal is aborted (the process is stopping)', async () => {
      fake.failNextResponse('stop', 1000, { status: 500 });
      const stopping = new AbortController();
      const never = () => new Promise<void>(() => undefined);
      const pending = postToResponseUrl(fake.responseUrl('stop'), message, {
        allowedPrefix: fake.responseUrlPrefix,
        retryForMs: 25 * 60_000,
        sleep: never,
        signal: stopping.signal,
      });
      // Aborted while it waits after its first failed attempt.
      while (fake.rejected.length === 0) await new Promise((r) => setTimeout(r, 10));
      stopping.abort();
      await expect(pending).rejects.toThrow(/stopping: the reply was not delivered/);
    });
  });
});
