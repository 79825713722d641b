import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isValidSlackRequest } from '@slack/bolt';
import { blockActionsBody, signSlackRequest, slashCommandBody } from '../../support/slack-sign';

const FIXTURES = path.join(__dirname, '../../fixtures/slack');
const SECRET = 'test-signing-secret';

const keysDeep = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...keysDeep(v, `${prefix}${k}.`)])
    : Array.isArray(value) && value.length > 0
      ? keysDeep(value[0], `${prefix}[].`)
      : [];

describe('signSlackRequest', () => {
  it('computes v0=HMAC-SHA256(secret, "v0:ts:body"), which Node crypto and Bolt both accept', () => {
    const body = slashCommandBody({ text: 'help', response_url: 'https://hooks.slack.com/commands/T1/1/x' });
    const ts = Math.floor(Date.now() / 1000);
    const headers = signSlackRequest(SECRET, body, ts);
    const expected = Buffer.from(`v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`);
    expect(timingSafeEqual(Buffer.from(headers['X-Slack-Signature']), expected)).toBe(true);
    expect(headers['X-Slack-Request-Timestamp']).toBe(String(ts));
    const verify = (h: typeof headers, secret = SECRET) =>
      isValidSlackRequest({
        signingSecret: secret,
        body,
        headers: {
          'x-slack-signature': h['X-Slack-Signature'],
          'x-slack-request-timestamp': Number(h['X-Slack-Request-Timestamp']),
        },
      });
    expect(verify(headers)).toBe(true);
    expect(verify(headers, 'another-secret')).toBe(false);
    expect(verify(signSlackRequest(SECRET, body, ts - 6 * 60))).toBe(false);
  });
});

describe('request builders', () => {
  it('build a slash command with the fields Slack sends', () => {
    const body = slashCommandBody({
      text: 'status prod-1',
      response_url: 'https://hooks.slack.com/commands/T1/1/x',
      user_id: 'U0ADA',
    });
    const fields = new URLSearchParams(body);
    const fixture = new URLSearchParams(readFileSync(path.join(FIXTURES, 'slash-command.txt'), 'utf8').trim());
    expect([...fields.keys()].sort()).toEqual([...fixture.keys()].sort());
    expect(fields.get('command')).toBe('/imagestream');
    expect(fields.get('text')).toBe('status prod-1');
    expect(fields.get('user_id')).toBe('U0ADA');
  });

  it('build a block_actions interaction as one form field `payload` holding the JSON Slack sends', () => {
    const input = {
      action_id: 'imagestream_approve',
      value: 'req-1',
      user_id: 'U0BOB',
      message_ts: '1700000000.000001',
      response_url: 'https://hooks.slack.com/actions/T1/2/y',
    };
    const form = new URLSearchParams(blockActionsBody(input));
    expect([...form.keys()]).toEqual(['payload']);
    const payload = JSON.parse(form.get('payload')!);
    const fixture = JSON.parse(readFileSync(path.join(FIXTURES, 'block-actions.json'), 'utf8'));
    expect(keysDeep(payload).sort()).toEqual(keysDeep(fixture).sort());
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0BOB' },
      response_url: 'https://hooks.slack.com/actions/T1/2/y',
      container: { type: 'message', message_ts: '1700000000.000001' },
      message: { ts: '1700000000.000001' },
      actions: [{ type: 'button', action_id: 'imagestream_approve', value: 'req-1' }],
    });
  });
});
