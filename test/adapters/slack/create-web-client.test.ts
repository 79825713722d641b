import { WebClientEvent } from '@slack/web-api';
import { createWebClient } from '../../../adapters/slack/web-api/create-web-client';
import { LogSink } from '../../../adapters/slack/web-api/to-slack-logger';
import { FAKE_SLACK_TOKEN, FakeSlack, startFakeSlack } from '../../fakes/slack-api';

// The production policy waits seconds between retries; the behaviour under test is the same.
const FAST_RETRY = { retries: 3, factor: 1, minTimeout: 5, maxTimeout: 5 };

// Keeps the client's warnings (one per retry) out of the test output, and shows the logger is used.
function recordingLogger(lines: string[]): LogSink {
  const record = (message: string): void => void lines.push(message);
  return { debug: () => undefined, info: record, warn: record, error: record };
}

describe('createWebClient against the Slack fake', () => {
  let fake: FakeSlack;
  beforeEach(async () => {
    fake = await startFakeSlack();
  });
  afterEach(() => fake.close());

  it('honours a 429 Retry-After itself and posts the message exactly once', async () => {
    const logged: string[] = [];
    const client = createWebClient(FAKE_SLACK_TOKEN, fake.apiUrl, {
      logger: recordingLogger(logged),
      retryConfig: FAST_RETRY,
    });
    const rateLimited: number[] = [];
    client.on(WebClientEvent.RATE_LIMITED, (seconds: number) => rateLimited.push(seconds));
    fake.failNext('chat.postMessage', 1, { status: 429, retryAfter: 1 });

    const result = await client.chat.postMessage({
      channel: 'C0PLATFORM',
      text: 'approval needed',
      blocks: [{ type: 'divider' }],
    });

    expect(result.ok).toBe(true);
    expect(rateLimited).toEqual([1]);
    expect(logged.join('\n')).toMatch(/rate limit/i);
    expect(fake.rejected.map((c) => c.status)).toEqual([429]);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(fake.callsOf('chat.postMessage')[0]!.body).toMatchObject({
      channel: 'C0PLATFORM',
      text: 'approval needed',
      blocks: [{ type: 'divider' }],
    });
  });

  it('retries a 500 and succeeds', async () => {
    const client = createWebClient(FAKE_SLACK_TOKEN, fake.apiUrl, {
      logger: recordingLogger([]),
      retryConfig: FAST_RETRY,
    });
    fake.failNext('chat.update', 2, { status: 500 });
    const result = await client.chat.update({ channel: 'C0PLATFORM', ts: '1700000000.000001', text: 'running' });
    expect(result.ok).toBe(true);
    expect(fake.rejected).toHaveLength(2);
    expect(fake.callsOf('chat.update')).toHaveLength(1);
  });

  it('does not retry a Slack error answer (ok: false)', async () => {
    const client = createWebClient('xoxb-wrong', fake.apiUrl, { retryConfig: FAST_RETRY });
    await expect(client.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    expect(fake.callsOf('auth.test')).toHaveLength(1);
  });

  it('never sends the token to an absolute URL given as a method', async () => {
    const client = createWebClient(FAKE_SLACK_TOKEN, fake.apiUrl, { retryConfig: FAST_RETRY });
    await client.apiCall(`${fake.url}api/auth.test`).catch(() => undefined);
    expect(fake.calls.map((c) => c.method)).not.toContain('auth.test');
  });
});
