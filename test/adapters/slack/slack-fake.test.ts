import { createWebClient } from '../../../adapters/slack/web-api/create-web-client';
import { FAKE_SLACK_TOKEN, FakeSlack, startFakeSlack } from '../../fakes/slack-api';

describe('the Slack fake', () => {
  let fake: FakeSlack;
  beforeEach(async () => {
    fake = await startFakeSlack({ userGroups: { S0APPROVERS: ['U0ADA', 'U0BOB'] } });
  });
  afterEach(() => fake.close());

  const client = () => createWebClient(FAKE_SLACK_TOKEN, fake.apiUrl, { retryConfig: { retries: 0 } });

  it('answers auth.test as Bolt needs it', async () => {
    const answer = await client().auth.test();
    expect(answer).toMatchObject({
      ok: true,
      user_id: fake.state.botUserId,
      bot_id: fake.state.botId,
      team_id: fake.state.teamId,
    });
    expect(typeof answer.url).toBe('string');
  });

  it('records form-encoded Web API calls with their blocks parsed, and gives increasing ts', async () => {
    const blocks = [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'hi' } }];
    const first = await client().chat.postMessage({ channel: 'C0ONE', text: 'one', blocks });
    const second = await client().chat.postMessage({ channel: 'C0ONE', text: 'two' });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    await client().chat.update({ channel: 'C0ONE', ts: first.ts!, text: 'one, updated', blocks });
    await client().chat.postEphemeral({ channel: 'C0ONE', user: 'U0ADA', text: 'only you' });
    expect(fake.calls.map((c) => c.method)).toEqual([
      'chat.postMessage',
      'chat.postMessage',
      'chat.update',
      'chat.postEphemeral',
    ]);
    expect(fake.calls[0]!.body).toMatchObject({ channel: 'C0ONE', text: 'one', blocks });
    expect(fake.calls[2]!.body).toMatchObject({ ts: first.ts, text: 'one, updated' });
    expect(fake.calls[3]!.body).toMatchObject({ user: 'U0ADA' });
    expect(fake.calls.every((c) => c.error === undefined)).toBe(true);
  });

  it('accepts JSON bodies too (token in the Authorization header)', async () => {
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FAKE_SLACK_TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C0ONE', text: 'json', blocks: [{ type: 'divider' }] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C0ONE' });
    expect(fake.callsOf('chat.postMessage')[0]!.body).toEqual({
      channel: 'C0ONE',
      text: 'json',
      blocks: [{ type: 'divider' }],
    });
  });

  it('lists a user group from its state, and says no_such_subteam otherwise', async () => {
    expect((await client().usergroups.users.list({ usergroup: 'S0APPROVERS' })).users).toEqual(['U0ADA', 'U0BOB']);
    fake.state.userGroups.S0APPROVERS = ['U0CAROL'];
    expect((await client().usergroups.users.list({ usergroup: 'S0APPROVERS' })).users).toEqual(['U0CAROL']);
    await expect(client().usergroups.users.list({ usergroup: 'S0NOPE' })).rejects.toMatchObject({
      data: { error: 'no_such_subteam' },
    });
  });

  it('answers invalid_blocks for a message over Block Kit limits, as Slack does', async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' as const }));
    await expect(client().chat.postMessage({ channel: 'C0ONE', text: 'x', blocks })).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
    expect(fake.callsOf('chat.postMessage')[0]!.error).toBe('invalid_blocks');
  });

  it('answers the next N calls with the injected failure, then normally', async () => {
    fake.failNext('auth.test', 2, { status: 500 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push(
        (
          await fetch(`${fake.apiUrl}auth.test`, {
            method: 'POST',
            headers: { authorization: `Bearer ${FAKE_SLACK_TOKEN}` },
          })
        ).status,
      );
    expect(statuses).toEqual([500, 500, 200]);
    fake.failNextResponse('r1', 1, { status: 429, retryAfter: 7 });
    const limited = await fetch(fake.responseUrl('r1'), {
      method: 'POST',
      body: '{"text":"x"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(fake.rejected.map((c) => c.method)).toEqual(['auth.test', 'auth.test', 'response_url']);
  });

  it('waitFor resolves on a call made later, and rejects when none comes', async () => {
    const waiting = fake.waitFor((c) => c.method === 'response_url' && c.responseId === 'late', 2000);
    setTimeout(
      () =>
        void fetch(fake.responseUrl('late'), {
          method: 'POST',
          body: '{"text":"late"}',
          headers: { 'content-type': 'application/json' },
        }),
      50,
    );
    expect((await waiting).body).toEqual({ text: 'late' });
    await expect(fake.waitFor((c) => c.method === 'chat.update', 100)).rejects.toThrow(/no matching call/);
  });
});
