/**
 * Alert destinations as platform-neutral references: the channel map's Slack ids route to Slack
 * conversations, its `spaces/…` to Google Chat, `C…+spaces/…` to both; alert records hold a destination and a message reference, and records written
 * before the chat seam (a bare Slack `channel`, `messageChannel` and `messageTs`) still read.
 */
import Redis from 'ioredis';
import { messageIdFits, parseDestination, parseRoute } from '../../src/alerts/alert-destinations';
import { alertRoutes, configuredAlertRoutes } from '../../src/alerts/alert-routes';
import { AlertStore } from '../../src/alerts/alert-store';
import { AlertState } from '../../src/alerts/problem';
import { UsageError } from '../../src/errors';
import { connectRedis, deleteKeys, uniquePrefix } from '../approvals/redis-test-keys';
import { classified } from './sink-entries';

describe('alert routes', () => {
  const key = (project: string, cluster: string) => ({ project, cluster, class: 'quota_exceeded' as const });
  const slack = (space: string) => ({ platform: 'slack', space });
  const gchat = (space: string) => ({ platform: 'gchat', space });

  it('reads Slack channel ids and Google Chat spaces by their shape, and nothing else', () => {
    expect(parseDestination('C0123ABC')).toEqual(slack('C0123ABC'));
    expect(parseDestination('G0123ABC')).toEqual(slack('G0123ABC'));
    expect(parseDestination('spaces/AAAA_b-9')).toEqual(gchat('spaces/AAAA_b-9'));
    for (const id of [
      '',
      'U0123ABC',
      '#ops',
      'spaces/',
      'spaces/A/B',
      'spaces/a b',
      'users/123',
      `spaces/${'A'.repeat(101)}`,
    ])
      expect(parseDestination(id)).toBeNull();
  });

  it('checks a message id against its own platform: a ts on Slack, a full message name on Chat', () => {
    expect(messageIdFits({ platform: 'slack', space: 'C0123ABC', message: '1712345678.000100' })).toBe(true);
    expect(messageIdFits({ platform: 'slack', space: 'C0123ABC', message: 'spaces/A/messages/B' })).toBe(false);
    for (const message of ['spaces/AAAA/messages/UBH.UBH', 'spaces/AAAA/messages/client-alert-1'])
      expect(messageIdFits({ platform: 'gchat', space: 'spaces/AAAA', message })).toBe(true);
    for (const message of ['1712345678.000100', 'spaces/AAAA/messages/', 'spaces/AAAA/threads/T', 'messages/M'])
      expect(messageIdFits({ platform: 'gchat', space: 'spaces/AAAA', message })).toBe(false);
  });

  it('routes by cluster, then project, then the fallback; no fallback routes nowhere', () => {
    const routes = configuredAlertRoutes('prod-1=CCLUSTER,acme-prod=GPROJECT', 'CDEFAULT');
    expect(routes(key('acme-prod', 'prod-1'))).toEqual([slack('CCLUSTER')]);
    expect(routes(key('acme-prod', 'prod-2'))).toEqual([slack('GPROJECT')]);
    expect(routes(key('other', 'other'))).toEqual([slack('CDEFAULT')]);
    expect(configuredAlertRoutes(undefined, undefined)(key('other', 'other'))).toEqual([]);
    expect(() => configuredAlertRoutes('prod-1=#ops', undefined)).toThrow(UsageError);
  });

  it('routes to a Chat space, or to a Slack channel and a Chat space at once, in the map and in ALERT_CHANNEL', () => {
    const routes = configuredAlertRoutes('prod-1=spaces/AAAA,acme-prod=C0PROJECT+spaces/BBBB', 'spaces/CCCC+C0DEFAULT');
    expect(routes(key('other', 'prod-1'))).toEqual([gchat('spaces/AAAA')]);
    expect(routes(key('acme-prod', 'prod-2'))).toEqual([slack('C0PROJECT'), gchat('spaces/BBBB')]);
    expect(routes(key('other', 'other'))).toEqual([gchat('spaces/CCCC'), slack('C0DEFAULT')]);
    // What one caller does with its answer does not change the next one's.
    routes(key('other', 'other')).pop();
    expect(routes(key('other', 'other'))).toHaveLength(2);
  });

  it.each([
    ['C0ONE+C0TWO', 'ALERT_CHANNEL names two slack destinations; one per platform'],
    ['spaces/A+spaces/B', 'ALERT_CHANNEL names two gchat destinations; one per platform'],
    ['C0ONE+', 'ALERT_CHANNEL: Slack channel IDs look like C0123ABC; Google Chat spaces look like spaces/AAAA1234'],
    ['#ops', 'ALERT_CHANNEL: Slack channel IDs look like C0123ABC'],
  ])('refuses the fallback %j, by name', (fallback, message) => {
    expect(() => configuredAlertRoutes(undefined, fallback)).toThrow(UsageError);
    expect(() => configuredAlertRoutes(undefined, fallback)).toThrow(message);
  });

  it('parses a route into at most one destination per platform', () => {
    expect(parseRoute(' C0123ABC + spaces/AAAA ', 'x')).toEqual([slack('C0123ABC'), gchat('spaces/AAAA')]);
    expect(parseRoute('', 'x')).toEqual([]);
    expect(() => parseRoute('spaces/AAAA+spaces/AAAA', 'entry "a"')).toThrow(
      'entry "a" names two gchat destinations; one per platform',
    );
  });
});

describe('alert records', () => {
  let redis: Redis;
  let prefix: string;
  let store: AlertStore;

  beforeAll(() => {
    redis = connectRedis();
  });
  afterAll(async () => {
    await redis.quit();
  });
  beforeEach(() => {
    prefix = uniquePrefix('alert-destinations');
    store = new AlertStore(redis, { keyPrefix: prefix, destinationFor: alertRoutes({}, 'C0ALERTS01') });
  });
  afterEach(async () => {
    await deleteKeys(redis, prefix);
  });

  const open = async (): Promise<AlertState> => {
    const outcome = await store.record(classified('quota-exceeded', { insertId: 'dest-1' }));
    if (!('alert' in outcome)) throw new Error(`expected an alert, got ${outcome.kind}`);
    return outcome.alert;
  };

  it('stores the destination and the posted message as references', async () => {
    const alert = await open();
    expect(alert.destination).toEqual({ platform: 'slack', space: 'C0ALERTS01' });
    expect(alert.message).toBeUndefined();
    const posted = { platform: 'slack', space: 'C0ALERTS01', message: '1712345678.000100' };
    await store.setMessage(alert.id, posted);
    const read = (await store.get(alert.id))!;
    expect(read.message).toEqual(posted);
    // The Slack-era names, derived for readers not moved yet.
    expect(read).toMatchObject({ channel: 'C0ALERTS01', messageChannel: 'C0ALERTS01', messageTs: '1712345678.000100' });
    const hash = await redis.hgetall(`${prefix}alert:${alert.id}`);
    expect(JSON.parse(hash.destination!)).toEqual({ platform: 'slack', space: 'C0ALERTS01' });
    expect(JSON.parse(hash.message!)).toEqual(posted);
    expect(hash.channel).toBeUndefined();
  });

  it('refuses a message id its platform does not issue, and a platform it knows nothing of', async () => {
    const alert = await open();
    await expect(
      store.setMessage(alert.id, { platform: 'slack', space: 'C0ALERTS01', message: 'spaces/A/messages/B' }),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(
      store.setMessage(alert.id, { platform: 'nowhere', space: 'C0ALERTS01', message: '1.2' }),
    ).rejects.toBeInstanceOf(UsageError);
  });

  it('reads a record written before the chat seam as a Slack one', async () => {
    const alert = await open();
    const key = `${prefix}alert:${alert.id}`;
    await redis.hdel(key, 'destination');
    await redis.hset(key, 'channel', 'C0OLD0001');
    expect((await store.get(alert.id))!.destination).toEqual({ platform: 'slack', space: 'C0OLD0001' });

    await redis.hset(key, 'messageChannel', 'C0OLD0002', 'messageTs', '1700000000.000200');
    const posted = (await store.get(alert.id))!;
    expect(posted.message).toEqual({ platform: 'slack', space: 'C0OLD0002', message: '1700000000.000200' });
    expect(posted).toMatchObject({ channel: 'C0OLD0001', messageChannel: 'C0OLD0002', messageTs: '1700000000.000200' });

    // Neither shape: unreadable, as any record we did not write.
    await redis.hdel(key, 'channel');
    await expect(store.get(alert.id)).rejects.toThrow('unreadable alert record in Redis (destination)');
  });
});
