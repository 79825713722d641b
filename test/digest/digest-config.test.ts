/** IMAGESTREAM_DIGEST and IMAGESTREAM_DIGEST_TZ: checked at start, so a bad schedule is a start-up error. */
import { loadBotConfig } from '../../src/config';
import { configProblems } from '../support/config-problems';

const BASE = {
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  SLACK_SIGNING_SECRET: 'a-long-enough-secret',
  GOOGLE_CLOUD_PROJECT: 'acme-prod',
  ALERT_CHANNEL: 'C0123ABC',
};

const problems = configProblems;

it('is off by default, in UTC', () => {
  const config = loadBotConfig(BASE);
  expect(config.IMAGESTREAM_DIGEST).toBeUndefined();
  expect(config.IMAGESTREAM_DIGEST_TZ).toBe('UTC');
});

it('takes a cron pattern and an IANA zone', () => {
  const config = loadBotConfig({ ...BASE, IMAGESTREAM_DIGEST: '0 9 * * MON', IMAGESTREAM_DIGEST_TZ: 'Europe/Paris' });
  expect(config.IMAGESTREAM_DIGEST).toBe('0 9 * * MON');
  expect(config.IMAGESTREAM_DIGEST_TZ).toBe('Europe/Paris');
});

it('refuses a pattern the scheduler could not run, naming the key', () => {
  expect(problems({ ...BASE, IMAGESTREAM_DIGEST: '0 25 * * 1' })).toMatch(
    /^IMAGESTREAM_DIGEST: not a cron pattern \("0 25 \* \* 1"\): .*expected range 0-23; e\.g\. "0 9 \* \* 1"/m,
  );
  expect(problems({ ...BASE, IMAGESTREAM_DIGEST: 'weekly' })).toContain('IMAGESTREAM_DIGEST: not a cron pattern');
});

it('refuses a zone that is not an IANA one', () => {
  expect(problems({ ...BASE, IMAGESTREAM_DIGEST: '0 9 * * 1', IMAGESTREAM_DIGEST_TZ: 'Mars/Base' })).toContain(
    'IMAGESTREAM_DIGEST_TZ: not an IANA time zone ("Mars/Base"), e.g. UTC or Europe/Paris',
  );
});

it('needs an alert route and a project to cover', () => {
  const { ALERT_CHANNEL: _route, GOOGLE_CLOUD_PROJECT: _project, ...bare } = BASE;
  const text = problems({ ...bare, IMAGESTREAM_DIGEST: '0 9 * * 1' });
  expect(text).toContain('IMAGESTREAM_DIGEST: needs ALERT_CHANNEL or IMAGESTREAM_ALERT_CHANNELS');
  expect(text).toContain('IMAGESTREAM_DIGEST: needs GOOGLE_CLOUD_PROJECT or IMAGESTREAM_HOME_PROJECTS');
  expect(() =>
    loadBotConfig({
      ...bare,
      IMAGESTREAM_DIGEST: '0 9 * * 1',
      IMAGESTREAM_ALERT_CHANNELS: 'shop=C0123ABC',
      IMAGESTREAM_HOME_PROJECTS: 'acme-prod',
    }),
  ).not.toThrow();
});
