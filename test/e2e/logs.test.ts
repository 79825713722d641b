/**
 * The bot's own log lines, end to end: a command's lines and its job's lines share the Slack
 * request id and Cloud Logging's trace field, and nothing secret is ever written, even at trace
 * level with Bolt's own debug output on.
 */
import { createHash } from 'node:crypto';
import { FAKE_TOKEN } from '../fakes/http-fake';
import { FAKE_SLACK_TOKEN } from '../fakes/slack-api';
import { createLogger } from '../../src/logging/logger';
import { APPROVER, CHANNEL, Harness, REQUESTER, SHOP, SIGNING_SECRET, startHarness } from '../support/bot-harness';
import { postSigned, slashCommandBody } from '../support/slack-sign';

const raw: string[] = [];
const lines = () => raw.map((l) => JSON.parse(l) as Record<string, unknown>);
let h: Harness;

beforeAll(async () => {
  const logger = createLogger({
    level: 'trace',
    traceProject: SHOP.project,
    destination: { write: (line: string) => void raw.push(line) },
  });
  h = await startHarness({ LOG_LEVEL: 'trace' }, { logger });
});
afterAll(async () => {
  await h?.stop();
});

/** Sends `/imagestream TEXT` with this trigger_id (Slack's id of the interaction). */
async function command(text: string, triggerId: string, responseId: string): Promise<void> {
  const body = slashCommandBody({
    text,
    trigger_id: triggerId,
    user_id: REQUESTER,
    channel_id: CHANNEL,
    response_url: h.slack.responseUrl(responseId),
  });
  expect((await postSigned(h.bot.port!, body)).status).toBe(200);
}

const traceOf = (id: string) =>
  `projects/${SHOP.project}/traces/${createHash('sha256').update(id).digest('hex').slice(0, 32)}`;

it("ties a job's log lines to the Slack request that queued it", async () => {
  const trigger = '1111111111.2222222222.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
  await command(`status ${SHOP.cluster}`, trigger, 'logs-status');
  await h.slack.waitFor((c) => c.responseId === 'logs-status', 15_000);
  // The worker logs "job finished" after the reply was posted: wait for that line.
  const deadline = Date.now() + 10_000;
  let finished: Record<string, unknown> | undefined;
  while (!finished && Date.now() < deadline) {
    finished = lines().find((l) => l.message === 'job finished' && l.job === 'status');
    if (!finished) await new Promise((r) => setTimeout(r, 20));
  }
  expect(finished).toMatchObject({
    severity: 'INFO',
    slackRequestId: trigger,
    'logging.googleapis.com/trace': traceOf(trigger),
  });
  expect(finished!.jobId).toEqual(expect.any(String));
});

it('ties the approval, the click and the change to their requests, and logs no secret at any level', async () => {
  const trigger = '3333333333.4444444444.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
  const posted = h.slack.waitFor((c) => c.method === 'chat.postMessage', 15_000);
  await command(`enable ${SHOP.cluster} --pool default-pool`, trigger, 'logs-enable');
  const message = await posted;
  const actions = (message.body.blocks as any[]).find((b) => b.type === 'actions');
  const id = actions.elements.find((e: any) => e.action_id === 'imagestream_approve').value as string;
  const done = h.slack.waitFor((c) => c.method === 'chat.update' && /: done$/i.test(String(c.body.text)), 20_000);
  await h.click({
    action_id: 'imagestream_approve',
    value: id,
    user_id: APPROVER,
    channel_id: CHANNEL,
    message_ts: String(message.body.ts ?? '1700000000.000100'),
  });
  await done;

  // The audit line of the request carries the command's trigger id; the apply job's lines carry the click's.
  const requested = lines().find((l) => l.audit === true && l.kind === 'requested');
  expect(requested).toMatchObject({ slackRequestId: trigger, 'logging.googleapis.com/trace': traceOf(trigger) });
  const applyLines = lines().filter((l) => l.job === 'apply');
  expect(applyLines.length).toBeGreaterThan(0);
  for (const line of applyLines) {
    expect(line.slackRequestId).toEqual(expect.any(String));
    expect(line.slackRequestId).not.toBe(trigger);
  }

  const all = raw.join('\n');
  expect(raw.length).toBeGreaterThan(20); // Bolt's debug lines are in there too
  for (const secret of [SIGNING_SECRET, FAKE_SLACK_TOKEN, FAKE_TOKEN]) expect(all).not.toContain(secret);
});
