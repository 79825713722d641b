import { createLogger } from '../../src/logging/logger';
import { UsageError } from '../../src/errors';

/** A logger writing into an array of parsed lines (and the raw text, to grep for leaks). */
function capture(level = 'trace', base?: Record<string, unknown>) {
  const raw: string[] = [];
  const logger = createLogger({ level, base, destination: { write: (line: string) => void raw.push(line) } });
  const lines = () => raw.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, raw, lines };
}

const SLACK_TOKEN = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx';
const GOOGLE_TOKEN = 'ya29.a0AfH6SMBx-secret-google-token_value';
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const RESPONSE_URL = 'https://hooks.slack.com/commands/T0001/1234567890/ZxYwVuTsRqPoNmLkJiHg';

describe('createLogger', () => {
  it('writes JSON lines with a Cloud Logging severity per pino level, `message` and an ISO `time`', () => {
    const { logger, lines } = capture();
    logger.trace('t');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    logger.fatal('f');
    const out = lines();
    expect(out.map((l) => [l.severity, l.message])).toEqual([
      ['DEBUG', 't'],
      ['DEBUG', 'd'],
      ['INFO', 'i'],
      ['WARNING', 'w'],
      ['ERROR', 'e'],
      ['CRITICAL', 'f'],
    ]);
    for (const line of out) {
      expect(line).not.toHaveProperty('msg');
      expect(line).not.toHaveProperty('level');
      expect(new Date(line.time as string).toISOString()).toBe(line.time);
    }
  });

  it('honours the level and the base fields', () => {
    const { logger, lines } = capture('warn', { role: 'worker' });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines()).toEqual([expect.objectContaining({ message: 'shown', role: 'worker', severity: 'WARNING' })]);
  });

  it('refuses an unknown level with a UsageError', () => {
    expect(() => createLogger({ level: 'verbose' })).toThrow(UsageError);
  });

  it('never writes a token, signature, signing secret or response_url, however it is nested', () => {
    const { logger, raw, lines } = capture();
    const gaxiosLike = Object.assign(new Error(`request failed with Authorization: Bearer ${GOOGLE_TOKEN}`), {
      config: { headers: { Authorization: `Bearer ${GOOGLE_TOKEN}` } },
    });
    logger.info(
      {
        token: SLACK_TOKEN,
        SLACK_BOT_TOKEN: SLACK_TOKEN,
        GOOGLE_OAUTH_ACCESS_TOKEN: GOOGLE_TOKEN,
        slackSigningSecret: SIGNING_SECRET,
        headers: { 'x-slack-signature': SIGNATURE, authorization: `Bearer ${SLACK_TOKEN}` },
        body: { response_url: RESPONSE_URL, deep: [{ a: { b: { c: { accessToken: GOOGLE_TOKEN } } } }] },
        env: { SLACK_SIGNING_SECRET: SIGNING_SECRET },
        note: `posting to ${RESPONSE_URL} with ${SLACK_TOKEN}`,
      },
      'event with %s',
      SLACK_TOKEN,
    );
    logger.child({ bot_token: SLACK_TOKEN }).warn(`child saw ${GOOGLE_TOKEN}`);
    logger.error({ err: gaxiosLike }, 'google call failed');
    logger.error(gaxiosLike);

    const text = raw.join('');
    for (const secret of [SLACK_TOKEN, GOOGLE_TOKEN, SIGNATURE, SIGNING_SECRET, RESPONSE_URL, 'ZxYwVuTsRqPoNmLkJiHg']) {
      expect(text).not.toContain(secret);
    }
    const [first, child, withErr] = lines();
    // What is not secret survives, so the lines stay useful.
    expect(first!.token).toBe('[redacted]');
    expect(first!.message).toBe('event with [redacted]');
    expect(first!.note).toBe('posting to https://hooks.slack.com/[redacted] with [redacted]');
    expect(child!.message).toBe('child saw [redacted]');
    expect(child!.bot_token).toBe('[redacted]');
    expect(withErr!.err).toMatchObject({
      type: 'Error',
      message: 'request failed with Authorization: Bearer [redacted]',
    });
  });

  it('does not change the objects it logs', () => {
    const { logger } = capture();
    const payload = { token: SLACK_TOKEN, nested: { authorization: 'Bearer abc' } };
    logger.info(payload, 'x');
    expect(payload).toEqual({ token: SLACK_TOKEN, nested: { authorization: 'Bearer abc' } });
  });

  it('survives circular objects', () => {
    const { logger, lines } = capture();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    logger.info({ loop }, 'circular');
    expect(lines()[0]).toMatchObject({ loop: { name: 'loop', self: '[circular]' } });
  });
});
