/** SLACK_APP_TOKEN: its format, what it changes about the signing secret, and that it never reaches a log. */
import { loadBotConfig } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { configProblems } from '../support/config-problems';

const APP_TOKEN = 'xapp-1-A0123ABCD-4567890123456-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const BASE = { SLACK_BOT_TOKEN: 'xoxb-test-token' };

const problems = configProblems;

describe('SLACK_APP_TOKEN', () => {
  it('turns Socket Mode on and makes the signing secret optional', () => {
    const config = loadBotConfig({ ...BASE, SLACK_APP_TOKEN: APP_TOKEN });
    expect(config.SLACK_APP_TOKEN).toBe(APP_TOKEN);
    expect(config.SLACK_SIGNING_SECRET).toBeUndefined();
  });

  it('keeps HTTP mode strict: without it the signing secret is required, by name', () => {
    expect(problems(BASE)).toMatch(/^SLACK_SIGNING_SECRET: required unless SLACK_APP_TOKEN is set/m);
    expect(loadBotConfig({ ...BASE, SLACK_SIGNING_SECRET: 'a-long-enough-secret' }).SLACK_APP_TOKEN).toBeUndefined();
  });

  it('reports a missing signing secret together with the other missing keys, on a first run', () => {
    const text = problems({ PUBSUB_SUBSCRIPTION: 'gcfsd-errors' });
    expect(text).toMatch(/^SLACK_BOT_TOKEN: /m);
    expect(text).toMatch(/^SLACK_SIGNING_SECRET: required unless SLACK_APP_TOKEN is set/m);
    expect(text).toMatch(/^ALERT_CHANNEL: PUBSUB_SUBSCRIPTION needs ALERT_CHANNEL or IMAGESTREAM_ALERT_CHANNELS/m);
  });

  it('refuses a token that is not an app-level token, without echoing it', () => {
    const text = problems({ ...BASE, SLACK_APP_TOKEN: 'xoxb-not-an-app-token-123' });
    expect(text).toContain('SLACK_APP_TOKEN: must be an app-level token (xapp-...)');
    expect(text).not.toContain('xoxb-not-an-app-token-123');
  });
});

describe('logging an app-level token', () => {
  it('redacts it by field name and inside text', () => {
    const raw: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void raw.push(line) } });
    logger.info(
      { SLACK_APP_TOKEN: APP_TOKEN, appToken: APP_TOKEN },
      `apps.connections.open with Bearer-less ${APP_TOKEN}`,
    );
    logger.warn({ headers: { Authorization: `Bearer ${APP_TOKEN}` } }, 'socket mode call failed');
    const text = raw.join('');
    expect(text).not.toContain(APP_TOKEN);
    expect(text).not.toContain('0a1b2c3d4e5f60718293a4b5c6d7e8f9');
    const first = JSON.parse(raw[0]!) as Record<string, unknown>;
    expect(first.SLACK_APP_TOKEN).toBe('[redacted]');
    expect(first.message).toBe('apps.connections.open with Bearer-less [redacted]');
  });
});
