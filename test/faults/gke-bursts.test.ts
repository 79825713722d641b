/**
 * GKE API faults against the whole bot (Bolt + Redis + BullMQ workers + the real googleapis client):
 * 500/503 bursts and slow answers during an approved change and a status command. The bot must
 * retry with backoff, change the cluster once, and end with a message a user can act on. Retries
 * are counted at the fake; the backoff schedule is unit-tested on its functions, never timed.
 */
import { createBackoff } from '../../src/gke/backoff';
import { googleRequestOptions } from '../../src/google/google-request-options';
import { GkeRoute } from '../fakes/gke-api';
import type { SlackCall } from '../fakes/slack-api';
import { APPROVER, CHANNEL, Harness, REQUESTER, SHOP, messageText, startHarness } from '../support/bot-harness';

const CLUSTER = `projects/${SHOP.project}/locations/${SHOP.location}/clusters/${SHOP.cluster}`;
// Low, so slow answers time out fast; the fake's delay is well past it.
const TIMEOUT_MS = 300;
const SLOW_MS = 1_000;
const STACK_FRAME = /\n\s+at \S|\bat \S+ \(.*:\d+:\d+\)/;

/** The next Slack call of `method` from now on that matches. */
function next(h: Harness, method: string, match: (c: SlackCall) => boolean = () => true, timeoutMs = 20_000) {
  const from = h.slack.calls.length;
  return h.slack.waitFor((c) => c.method === method && h.slack.calls.indexOf(c) >= from && match(c), timeoutMs);
}

/** `/imagestream TEXT` by the requester; the id on the posted request's Approve button. */
async function requestChange(h: Harness, text: string): Promise<string> {
  const posted = next(h, 'chat.postMessage');
  const ack = await h.command(text, { user: REQUESTER });
  expect(messageText(ack.body)).toContain('approval request follows');
  const actions = ((await posted).body.blocks as any[]).find((b) => b.type === 'actions');
  return actions.elements[0].value as string;
}

/** Approves request `id` and returns the text of the message once it ends in `state`. */
async function approveAndWait(h: Harness, id: string, state: 'done' | 'failed', timeoutMs = 30_000): Promise<string> {
  const final = next(h, 'chat.update', (c) => new RegExp(`: ${state}$`, 'i').test(String(c.body.text)), timeoutMs);
  const status = await h.click({
    action_id: 'imagestream_approve',
    value: id,
    user_id: APPROVER,
    channel_id: CHANNEL,
    message_ts: '1700000000.000100',
  });
  expect(status).toBe(200);
  return messageText((await final).body);
}

const requestsTo = (h: Harness, route: GkeRoute, status?: number) =>
  h.gke.requests.filter((r) => r.route === route && (status === undefined || r.status === status)).length;

/** A reply a user can read: no stack frame, no "undefined". */
function expectReadable(text: string): void {
  expect(text).not.toMatch(STACK_FRAME);
  expect(text).not.toContain('undefined');
}

describe('bursts shorter than the retry limit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(
      { IMAGESTREAM_HTTP_TIMEOUT_MS: String(TIMEOUT_MS) },
      // The default budget (1 h) of our own backoff: every burst here ends well inside it.
      { applyOptions: { maxDelayMs: 50 } },
    );
  });
  afterAll(async () => h?.stop());
  afterEach(() => {
    h.gke.faults.length = 0;
    delete h.gke.finishOperationsAfterMs;
  });

  it('a 503 burst on clusters.update: retried with backoff, accepted exactly once, done', async () => {
    const id = await requestChange(h, 'enable shop');
    // The client does not resend an update by itself (src/gke/send-once.ts): each 503 is a round of
    // the bot's own backoff, which looks for an operation the PUT may have started before resending.
    h.gke.faults.push({ route: 'clusters.update', status: 503, times: 4 });
    const text = await approveAndWait(h, id, 'done');
    expect(text).toMatch(/enabled/);
    expect(requestsTo(h, 'clusters.update', 503)).toBe(4);
    expect(requestsTo(h, 'clusters.update', 200)).toBe(1);
    // Plus one resend per accepted update answered slower than the client's timeout (a loaded
    // machine), were one ever sent: GKE would refuse it as busy with our own operation.
    expect(requestsTo(h, 'clusters.update')).toBe(5 + requestsTo(h, 'clusters.update', 400));
    expect(h.gke.acceptedUpdates(CLUSTER)).toBe(1);
    expect(h.gke.cluster(SHOP).nodePoolDefaults.nodeConfigDefaults.gcfsConfig).toEqual({ enabled: true });
  });

  it('a 500 burst on operations.get: polling goes on and the change is done once', async () => {
    // legacy-pool followed the cluster on in the test above.
    const id = await requestChange(h, 'disable shop --pool legacy-pool');
    const polls = requestsTo(h, 'operations.get');
    h.gke.faults.push({ route: 'operations.get', status: 500, times: 4 });
    const text = await approveAndWait(h, id, 'done');
    expect(text).toMatch(/disabled/);
    expect(requestsTo(h, 'operations.get', 500)).toBe(4);
    // Four failures, then the polls that see the operation through to DONE.
    expect(requestsTo(h, 'operations.get') - polls).toBeGreaterThan(4);
    expect(h.gke.acceptedUpdates(`${CLUSTER}/nodePools/legacy-pool`)).toBe(1);
  });

  it('an update answered after the client gave up: its operation followed, applied once, done', async () => {
    const id = await requestChange(h, 'disable shop --pool gpu-pool');
    // GKE starts the operation on arrival; its answer comes after the client timed out. The bot
    // finds that operation in the cluster's list and follows it instead of sending the update again.
    h.gke.faults.push({ route: 'nodePools.update', status: 'pass', delayMs: SLOW_MS, times: 1, afterHandling: true });
    const text = await approveAndWait(h, id, 'done');
    expect(text).toMatch(/disabled/);
    expect(h.gke.updateCalls(`${CLUSTER}/nodePools/gpu-pool`)).toBe(1);
    expect(h.gke.acceptedUpdates(`${CLUSTER}/nodePools/gpu-pool`)).toBe(1);
  });

  it('an update whose operation ends before the client gave up on its answer: followed, not sent again', async () => {
    // default-pool follows the cluster, on since the first test.
    const id = await requestChange(h, 'disable shop --pool default-pool');
    // Real GKE runs the operation by itself: it is DONE long before the answer, which comes after
    // the client's timeout. A second PUT would find the cluster free and be applied a second time.
    h.gke.finishOperationsAfterMs = 20;
    h.gke.faults.push({ route: 'nodePools.update', status: 'pass', delayMs: SLOW_MS, times: 1, afterHandling: true });
    const text = await approveAndWait(h, id, 'done');
    expect(text).toMatch(/disabled/);
    expect(h.gke.acceptedUpdates(`${CLUSTER}/nodePools/default-pool`)).toBe(1);
    expect(h.gke.updateCalls(`${CLUSTER}/nodePools/default-pool`)).toBe(1);
    expect(h.gke.pool(SHOP, 'default-pool').config.gcfsConfig).toEqual({});
  });

  it('status during a short 503 burst answers with the status', async () => {
    h.gke.faults.push({ route: 'clusters.get', status: 503, times: 2 });
    const ack = await h.command('status shop');
    expect(ack.status).toBe(200);
    const reply = await h.slack.waitFor((c) => c.method === 'response_url' && c.responseId === ack.responseId, 20_000);
    expect(messageText(reply.body)).toContain('default-pool');
    expect(requestsTo(h, 'clusters.get', 503)).toBe(2);
  });

  it('status during a long 503 burst gets a clear error, not silence', async () => {
    h.gke.faults.push({ route: 'clusters.get', status: 503, message: 'The service is currently unavailable.' });
    const ack = await h.command('status shop');
    expect(ack.status).toBe(200);
    const reply = await h.slack.waitFor((c) => c.method === 'response_url' && c.responseId === ack.responseId, 30_000);
    const text = messageText(reply.body);
    expect(text).toMatch(/could not read cluster shop/);
    expect(text).toMatch(/HTTP 503: The service is currently unavailable/);
    expect(text).toMatch(/3 attempts/);
    expect(reply.body.response_type).toBe('ephemeral');
    expectReadable(text);
  }, 40_000);
});

describe('failures that outlast the retry limit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(
      { IMAGESTREAM_HTTP_TIMEOUT_MS: String(TIMEOUT_MS) },
      // The client does not resend an update (src/gke/send-once.ts): the bot's backoff does, 50 ms
      // apart within 600 ms. Only the sleeps count against that budget (a clock that stands
      // still), so every run of the job makes as many requests and the count the message gives is
      // exact however loaded the machine.
      { applyOptions: { maxDelayMs: 50, maxWaitMs: 600, now: () => 0 } },
    );
  });
  afterAll(async () => h?.stop());
  afterEach(() => {
    h.gke.faults.length = 0;
  });

  it('a 503 that never ends: the message says the GKE API kept failing, with the code and the count', async () => {
    const id = await requestChange(h, 'enable shop');
    h.gke.faults.push({ route: 'clusters.update', status: 503, message: 'Service unavailable, try again.' });
    const text = await approveAndWait(h, id, 'failed');
    expect(text).toMatch(/the GKE API kept failing \(\d+ attempts in [\d.]+ s\)/);
    expect(text).toContain('HTTP 503: Service unavailable, try again.');
    expect(text).toContain('tried 3 times');
    expect(text).toMatch(/Failed: the GKE API/); // the reason straight after the state, said once
    expectReadable(text);
    // Three runs of the job, each with the number of attempts the message states.
    const perRun = Number(/kept failing \((\d+) attempts/.exec(text)![1]);
    expect(perRun).toBeGreaterThanOrEqual(3);
    expect(requestsTo(h, 'clusters.update', 503)).toBe(3 * perRun);
    expect(h.gke.acceptedUpdates(CLUSTER)).toBe(0);

    // Not left running: the request is failed for good, and a new one goes through once GKE is back.
    const told = next(h, 'chat.postEphemeral', (c) => c.body.user === APPROVER);
    await h.click({
      action_id: 'imagestream_approve',
      value: id,
      user_id: APPROVER,
      channel_id: CHANNEL,
      message_ts: '1.2',
    });
    expect(messageText((await told).body)).toMatch(/already failed/);
    h.gke.faults.length = 0;
    const again = await requestChange(h, 'enable shop');
    expect(await approveAndWait(h, again, 'done')).toMatch(/enabled/);
    expect(h.gke.acceptedUpdates(CLUSTER)).toBe(1);
  }, 60_000);

  it('answers slower than the timeout: retried, then a clear timeout error', async () => {
    const id = await requestChange(h, 'disable shop --pool gpu-pool');
    const before = requestsTo(h, 'clusters.get');
    h.gke.faults.push({ route: 'clusters.get', status: 'pass', delayMs: SLOW_MS });
    const text = await approveAndWait(h, id, 'failed');
    expect(text).toContain(`GKE API did not answer within ${TIMEOUT_MS} ms (request timeout), 3 attempts`);
    expect(text).toContain('tried 3 times');
    expectReadable(text);
    // Three runs of the job, each one read with the client's two retries.
    expect(requestsTo(h, 'clusters.get') - before).toBe(9);
    expect(h.gke.updateCalls(`${CLUSTER}/nodePools/gpu-pool`)).toBe(0);
  }, 60_000);
});

describe('the retry schedule', () => {
  it("the bot's backoff doubles from the first delay up to the cap, and stops when the budget is spent", async () => {
    const slept: number[] = [];
    const backoff = createBackoff({
      initialDelayMs: 100,
      maxDelayMs: 1_000,
      maxWaitMs: 3_000,
      sleep: async (ms) => void slept.push(ms),
      now: () => 0,
    });
    while (await backoff.wait());
    expect(slept).toEqual([100, 200, 400, 800, 1_000, 500]);
    expect(backoff.elapsedMs()).toBe(3_000);
  });

  it('the client retries GET and PUT on 429/5xx twice with doubling delays, and never a POST by default', async () => {
    const options = googleRequestOptions({ retryDelayMs: 10 }, undefined, undefined);
    const retry = options.retryConfig!;
    expect(retry.retry).toBe(2);
    expect(retry.httpMethodsToRetry).toEqual(expect.arrayContaining(['GET', 'PUT']));
    expect(retry.httpMethodsToRetry).not.toContain('POST');
    expect(googleRequestOptions({}, undefined, undefined, true).retryConfig!.httpMethodsToRetry).toContain('POST');
    expect(retry.statusCodesToRetry).toEqual([
      [429, 429],
      [500, 599],
    ]);

    const delays: number[] = [];
    const spy = jest.spyOn(global, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      fn();
      return 0 as unknown as NodeJS.Timeout;
    }) as typeof setTimeout);
    try {
      for (const attempt of [1, 2]) {
        await retry.retryBackoff!({ config: { retryConfig: { currentRetryAttempt: attempt } } } as never, 0);
      }
    } finally {
      spy.mockRestore();
    }
    expect(delays).toEqual([10, 20]);
  });
});
