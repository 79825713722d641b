/**
 * Slack errors and 429s as /metrics counts them: the real WebClient (the bot's and the outbox's
 * kind) and postToResponseUrl, through BotMetrics.slackFetch, against the Slack fake.
 */
import { createOutboxWebClient } from '../../adapters/slack/outbox/outbox-web-client';
import { BotMetrics } from '../../src/metrics/bot-metrics';
import { createWebClient } from '../../adapters/slack/web-api/create-web-client';
import { postToResponseUrl } from '../../adapters/slack/messenger/post-to-response-url';
import { FAKE_SLACK_TOKEN, FakeSlack, startFakeSlack } from '../fakes/slack-api';
import { sample, seriesOf } from './prom-text';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const FAST_RETRY = { retries: 2, factor: 1, minTimeout: 5, maxTimeout: 5 };

let fake: FakeSlack;
let metrics: BotMetrics;
let slackFetch: typeof fetch;
beforeEach(async () => {
  fake = await startFakeSlack();
  metrics = new BotMetrics({ processMetrics: false });
  slackFetch = metrics.slackFetch(fake.apiUrl);
});
afterEach(() => fake.close());

const body = async () => (await metrics.scrape()).body;

describe('Slack metrics', () => {
  it('counts a 429 by method, and a call retried through it as no error', async () => {
    const client = createWebClient(FAKE_SLACK_TOKEN, fake.apiUrl, {
      logger: quiet,
      retryConfig: FAST_RETRY,
      fetch: slackFetch,
    });
    fake.failNext('chat.postMessage', 1, { status: 429, retryAfter: 1 });
    await client.chat.postMessage({ channel: 'C0PLATFORM', text: 'hello' });

    const text = await body();
    expect(sample(text, 'imagestream_slack_rate_limited_total{method="chat.postMessage"}')).toBe(1);
    expect(seriesOf(text, 'imagestream_slack_api_errors_total')).toEqual([]);
  });

  it("counts Slack's error code, HTTP errors and unreachable Slack, by method", async () => {
    const outbox = createOutboxWebClient(FAKE_SLACK_TOKEN, fake.apiUrl, { logger: quiet, fetch: slackFetch });
    fake.state.notInChannels = ['C0NOTHERE'];
    await expect(outbox.chat.postMessage({ channel: 'C0NOTHERE', text: 'x' })).rejects.toThrow(/not_in_channel/);
    fake.failNext('chat.update', 1, { status: 500 });
    await expect(outbox.chat.update({ channel: 'C0PLATFORM', ts: '1.2', text: 'x' })).rejects.toThrow();
    fake.failNext('chat.postMessage', 1, { status: 429, retryAfter: 30 });
    await expect(outbox.chat.postMessage({ channel: 'C0PLATFORM', text: 'x' })).rejects.toThrow(/rate/i);
    // Nothing listens on port 9.
    const gone = metrics.slackFetch('http://127.0.0.1:9/api/');
    const unreachable = createOutboxWebClient(FAKE_SLACK_TOKEN, 'http://127.0.0.1:9/api/', {
      logger: quiet,
      fetch: gone,
    });
    await expect(unreachable.chat.postMessage({ channel: 'C0PLATFORM', text: 'x' })).rejects.toThrow();

    const text = await body();
    const errors = (method: string, error: string) =>
      sample(text, `imagestream_slack_api_errors_total{method="${method}",error="${error}"}`);
    expect(errors('chat.postMessage', 'not_in_channel')).toBe(1);
    expect(errors('chat.update', 'http_500')).toBe(1);
    expect(errors('chat.postMessage', 'request_error')).toBe(1);
    expect(sample(text, 'imagestream_slack_rate_limited_total{method="chat.postMessage"}')).toBe(1);
  });

  it('counts response URL posts under method "response_url"', async () => {
    fake.failNextResponse('r1', 1, { status: 429, retryAfter: 2 });
    fake.failNextResponse('r2', 1, { status: 500 });
    const options = { allowedPrefix: fake.responseUrlPrefix, fetch: slackFetch, sleep: async () => undefined };
    await postToResponseUrl(fake.responseUrl('r1'), { text: 'one', blocks: [] }, options);
    await postToResponseUrl(fake.responseUrl('r2'), { text: 'two', blocks: [] }, options);

    const text = await body();
    expect(sample(text, 'imagestream_slack_rate_limited_total{method="response_url"}')).toBe(1);
    expect(sample(text, 'imagestream_slack_api_errors_total{method="response_url",error="http_500"}')).toBe(1);
    expect(fake.callsOf('response_url')).toHaveLength(2);
  });
});
