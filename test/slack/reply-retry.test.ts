/** Replies that outlive a Slack outage: postToResponseUrl's time budget and abort, and the ReplyLine's order. */
import { RemoteError } from '../../src/errors';
import { postToResponseUrl } from '../../src/slack/post-to-response-url';
import { ReplyLine } from '../../src/slack/reply-line';
import { FakeSlack, startFakeSlack } from '../fakes/slack-api';

const message = { text: 'done', blocks: [] };

describe('postToResponseUrl with retryForMs', () => {
  let fake: FakeSlack;
  let waits: number[];
  // Instant: the budget counts the waits slept, so it is checked without waiting for real.
  const sleep = async (ms: number): Promise<void> => void waits.push(ms);

  beforeEach(async () => {
    fake = await startFakeSlack();
    waits = [];
  });
  afterEach(() => fake.close());

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

/** One conversation's key: the channel and user the commands came from. */
const ME = 'C00000001:U00000001';

describe('ReplyLine', () => {
  it('delivers in the order replies were handed over, even when the first is held up', async () => {
    const line = new ReplyLine();
    const delivered: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = line.send(ME, async () => {
      await held;
      delivered.push('first');
    });
    const second = line.send(ME, async () => void delivered.push('second'));
    await new Promise((r) => setTimeout(r, 20));
    expect(delivered).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(delivered).toEqual(['first', 'second']);
  });

  it('holds up only the replies of the same conversation', async () => {
    const line = new ReplyLine();
    const delivered: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const mine = line.send(ME, async () => {
      await held;
      delivered.push('mine');
    });
    await line.send('C0OTHER01:U0OTHER01', async () => void delivered.push('theirs'));
    expect(delivered).toEqual(['theirs']);
    release();
    await mine;
    expect(delivered).toEqual(['theirs', 'mine']);
  });

  it('moves on after a reply that failed, and its caller sees the failure', async () => {
    const line = new ReplyLine();
    const failed = line.send(ME, async () => {
      throw new RemoteError('gone');
    });
    const next = line.send(ME, async () => 'ok');
    await expect(failed).rejects.toThrow('gone');
    await expect(next).resolves.toBe('ok');
  });

  it('aborts the signal of waiting and later replies on close', async () => {
    const line = new ReplyLine();
    let seen: AbortSignal | undefined;
    line.close();
    await line.send(ME, async (signal) => void (seen = signal));
    expect(seen?.aborted).toBe(true);
  });
});
