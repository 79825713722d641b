import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, describeConfig, loadBotConfig, loadConfig } from '../src/config';
import { configProblems } from './support/config-problems';

describe('loadConfig', () => {
  it('fills the defaults from an empty environment', () => {
    const config = loadConfig({});
    expect(config.CONTAINER_API_ENDPOINT).toBe('https://container.googleapis.com/');
    expect(config.IMAGESTREAM_PLATFORM).toBe('linux/amd64');
    expect(config.IMAGESTREAM_HTTP_TIMEOUT_MS).toBe(15000);
    expect(config.GOOGLE_OAUTH_ACCESS_TOKEN).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ GOOGLE_CLOUD_PROJECT: '', IMAGESTREAM_REGISTRY_URL: '' }).GOOGLE_CLOUD_PROJECT).toBeUndefined();
  });

  it('names every bad key at once', () => {
    let error: unknown;
    try {
      loadConfig({
        COMPUTE_API_ENDPOINT: 'ftp://x',
        IMAGESTREAM_HTTP_TIMEOUT_MS: 'soon',
        IMAGESTREAM_PLATFORM: 'amd64',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['COMPUTE_API_ENDPOINT', 'IMAGESTREAM_HTTP_TIMEOUT_MS', 'IMAGESTREAM_PLATFORM']) {
      expect(problems).toContain(key);
    }
  });

  it('never echoes a secret value in its errors', () => {
    // The token has no format to break; a bad neighbour must not print it either.
    expect.assertions(1);
    try {
      loadConfig({ GOOGLE_OAUTH_ACCESS_TOKEN: 'ya29.secret', CONTAINER_API_ENDPOINT: 'nope' });
    } catch (err) {
      expect(String(err)).not.toContain('ya29.secret');
    }
  });
});

describe('describeConfig', () => {
  it('documents every key, in the schema and in the README', () => {
    const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    for (const { key, doc } of describeConfig()) {
      expect(doc.length).toBeGreaterThan(10);
      expect(readme).toContain(`\`${key}\``);
    }
  });
});

describe('loadBotConfig: platforms and Google Chat', () => {
  const SLACK = { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'a-long-enough-secret' };
  const CHAT = { GOOGLE_CHAT_AUDIENCE: '123456789012' };

  const problems = configProblems;

  it('needs at least one platform, and says which keys turn each on', () => {
    expect(problems({})).toMatch(
      /^SLACK_BOT_TOKEN: required unless Google Chat is configured: set SLACK_BOT_TOKEN \(Slack\), GOOGLE_CHAT_AUDIENCE or GOOGLE_CHAT_SUBSCRIPTION \(Google Chat\), or both$/m,
    );
    expect(loadBotConfig(SLACK).SLACK_BOT_TOKEN).toBe('xoxb-test-token');
  });

  it('serves Google Chat alone: no Slack token or signing secret needed, over HTTP or Pub/Sub', () => {
    const http = loadBotConfig(CHAT);
    expect(http.SLACK_BOT_TOKEN).toBeUndefined();
    expect(http.GOOGLE_CHAT_AUDIENCE).toBe('123456789012');
    expect(http.CHAT_API_ENDPOINT).toBe('https://chat.googleapis.com/');
    expect(http.GOOGLE_CHAT_APPROVERS).toEqual([]);
    expect(loadBotConfig({ GOOGLE_CHAT_SUBSCRIPTION: 'chat-events' }).GOOGLE_CHAT_SUBSCRIPTION).toBe('chat-events');
  });

  it('still wants the signing secret when Slack runs over HTTP beside Google Chat', () => {
    expect(problems({ ...CHAT, SLACK_BOT_TOKEN: 'xoxb-test-token' })).toMatch(
      /^SLACK_SIGNING_SECRET: required unless SLACK_APP_TOKEN is set/m,
    );
    const both = loadBotConfig({ ...CHAT, ...SLACK });
    expect([both.SLACK_BOT_TOKEN, both.GOOGLE_CHAT_AUDIENCE]).toEqual(['xoxb-test-token', '123456789012']);
  });

  it.each([
    ['GOOGLE_CHAT_AUDIENCE', '123456789012', '123456789012'],
    [
      'GOOGLE_CHAT_AUDIENCE',
      'https://bot.example.com/google-chat/events',
      'https://bot.example.com/google-chat/events',
    ],
    ['GOOGLE_CHAT_CERTS_URL', 'http://127.0.0.1:8080/certs', 'http://127.0.0.1:8080/certs'],
    [
      'GOOGLE_CHAT_SUBSCRIPTION',
      'projects/acme-prod/subscriptions/chat-events',
      'projects/acme-prod/subscriptions/chat-events',
    ],
    ['GOOGLE_CHAT_COMMAND_ID', '7', 7],
    ['CHAT_API_ENDPOINT', 'http://127.0.0.1:9000/', 'http://127.0.0.1:9000/'],
    ['GOOGLE_CHAT_APPROVERS', 'users/1234567890, Alice@Example.com ,', ['users/1234567890', 'alice@example.com']],
    ['ALERT_CHANNEL', 'spaces/AAAA1234', 'spaces/AAAA1234'],
    ['ALERT_CHANNEL', 'C0123ABC+spaces/AAAA1234', 'C0123ABC+spaces/AAAA1234'],
    [
      'IMAGESTREAM_ALERT_CHANNELS',
      'prod-1=spaces/AAAA,shop=C0456DEF+spaces/BBBB',
      'prod-1=spaces/AAAA,shop=C0456DEF+spaces/BBBB',
    ],
    [
      'IMAGESTREAM_MUTATION_CHANNELS',
      'C0PLATFORM, spaces/AAAA1234,D0DIRECT',
      ['C0PLATFORM', 'spaces/AAAA1234', 'D0DIRECT'],
    ],
  ])('reads %s=%j', (key, value, expected) => {
    const config = loadBotConfig({ ...SLACK, ...CHAT, [key]: value }) as unknown as Record<string, unknown>;
    expect(config[key]).toEqual(expected);
  });

  it.each([
    ['GOOGLE_CHAT_AUDIENCE', 'my-project', 'must be a project number (digits) or an https:// URL'],
    ['GOOGLE_CHAT_AUDIENCE', 'http://bot.example.com/events', 'must be a project number (digits) or an https:// URL'],
    ['GOOGLE_CHAT_CERTS_URL', 'ftp://certs', 'must be an absolute http(s) URL'],
    [
      'GOOGLE_CHAT_SUBSCRIPTION',
      'projects/Bad Project/subscriptions/x',
      'a subscription name or projects/P/subscriptions/S',
    ],
    ['GOOGLE_CHAT_COMMAND_ID', '0', 'GOOGLE_CHAT_COMMAND_ID: '],
    ['GOOGLE_CHAT_COMMAND_ID', '1.5', 'GOOGLE_CHAT_COMMAND_ID: '],
    ['GOOGLE_CHAT_COMMAND_ID', 'slash', 'GOOGLE_CHAT_COMMAND_ID: '],
    [
      'GOOGLE_CHAT_APPROVERS',
      'users/123,U0123ABC,alice@example.com',
      'GOOGLE_CHAT_APPROVERS: "U0123ABC" is neither a Google Chat user (users/123…) nor an e-mail address',
    ],
    ['CHAT_API_ENDPOINT', 'chat.googleapis.com', 'must be an absolute http(s) URL'],
    [
      'ALERT_CHANNEL',
      '#ops',
      'ALERT_CHANNEL: Slack channel IDs look like C0123ABC; Google Chat spaces look like spaces/AAAA1234',
    ],
    ['ALERT_CHANNEL', 'C0ONE+C0TWO', 'ALERT_CHANNEL: two slack destinations; one per platform'],
    [
      'IMAGESTREAM_ALERT_CHANNELS',
      'prod-1=spaces/A+spaces/B',
      'IMAGESTREAM_ALERT_CHANNELS: alert channel map entry "prod-1=spaces/A+spaces/B" names two gchat destinations',
    ],
    [
      'IMAGESTREAM_ALERT_CHANNELS',
      'prod-1',
      'IMAGESTREAM_ALERT_CHANNELS: alert channel map entry "prod-1" is not NAME=CHANNEL_ID',
    ],
    [
      'IMAGESTREAM_MUTATION_CHANNELS',
      'C0PLATFORM,spaces/',
      'Slack channel IDs look like C0123ABC; Google Chat spaces look like spaces/AAAA1234',
    ],
  ])('refuses %s=%j by name', (key, value, message) => {
    const text = problems({ ...SLACK, [key]: value });
    expect(text).toContain(message);
    expect(text.split('\n').every((line) => line.startsWith(`${key}`))).toBe(true);
  });

  describe('a destination on a platform the bot does not serve', () => {
    const NO_CHAT = 'but the bot does not serve Google Chat: set GOOGLE_CHAT_AUDIENCE or GOOGLE_CHAT_SUBSCRIPTION';
    const NO_SLACK = 'but the bot does not serve Slack: set SLACK_BOT_TOKEN';

    it.each([
      [
        'Slack',
        'ALERT_CHANNEL',
        'spaces/AAAA1234',
        `ALERT_CHANNEL: names a Google Chat space (spaces/AAAA1234), ${NO_CHAT}`,
      ],
      [
        'Slack',
        'ALERT_CHANNEL',
        'C0123ABC+spaces/AAAA1234',
        `ALERT_CHANNEL: names a Google Chat space (spaces/AAAA1234), ${NO_CHAT}`,
      ],
      [
        'Slack',
        'IMAGESTREAM_ALERT_CHANNELS',
        'prod-1=spaces/AAAA,shop=C0456DEF+spaces/BBBB,jobs=C0789GHI',
        `IMAGESTREAM_ALERT_CHANNELS: names Google Chat spaces (spaces/AAAA, spaces/BBBB), ${NO_CHAT}`,
      ],
      [
        'Slack',
        'IMAGESTREAM_MUTATION_CHANNELS',
        'C0PLATFORM,spaces/AAAA1234',
        `IMAGESTREAM_MUTATION_CHANNELS: names a Google Chat space (spaces/AAAA1234), ${NO_CHAT}`,
      ],
      ['Google Chat', 'ALERT_CHANNEL', 'C0123ABC', `ALERT_CHANNEL: names a Slack channel (C0123ABC), ${NO_SLACK}`],
      [
        'Google Chat',
        'IMAGESTREAM_ALERT_CHANNELS',
        'a=C01,b=C02,c=C03,d=C04+spaces/AAAA',
        `IMAGESTREAM_ALERT_CHANNELS: names Slack channels (C01, C02, C03, …), ${NO_SLACK}`,
      ],
      [
        'Google Chat',
        'IMAGESTREAM_MUTATION_CHANNELS',
        'D0DIRECT,spaces/AAAA1234',
        `IMAGESTREAM_MUTATION_CHANNELS: names a Slack channel (D0DIRECT), ${NO_SLACK}`,
      ],
    ])('is refused at start: serving %s, %s=%j', (served, key, value, message) => {
      expect(problems({ ...(served === 'Slack' ? SLACK : CHAT), [key]: value })).toBe(message);
    });

    it('is served by either Google Chat connection, and is not blamed when no platform is configured at all', () => {
      const viaPubSub = { GOOGLE_CHAT_SUBSCRIPTION: 'chat-events', ALERT_CHANNEL: 'spaces/AAAA1234' };
      expect(loadBotConfig(viaPubSub).ALERT_CHANNEL).toBe('spaces/AAAA1234');
      expect(loadBotConfig({ ...CHAT, ALERT_CHANNEL: 'spaces/AAAA1234' }).ALERT_CHANNEL).toBe('spaces/AAAA1234');
      // The missing platform is the one problem to fix first.
      expect(problems({ ALERT_CHANNEL: 'C0123ABC' })).toMatch(/^SLACK_BOT_TOKEN: required unless Google Chat/);
      expect(problems({ ALERT_CHANNEL: 'C0123ABC' })).not.toContain('ALERT_CHANNEL');
    });
  });
});
