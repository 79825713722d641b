/**
 * Alert destinations as platform-neutral references: the channel map's Slack ids route to Slack
 * conversations, alert records hold a destination and a message reference, and records written
 * before the chat seam (a bare Slack `channel`, `messageChannel` and `messageTs`) still read.
 */
import Redis from 'ioredis';
import { parseDestination } from '../../src/alerts/alert-destinations';
import { alertRoutes, configuredAlertRoutes } from '../../src/alerts/alert-routes';
import { AlertStore } from '../../src/alerts/alert-store';
import { AlertState } from '../../src/alerts/problem';
import { UsageError } from '../../src/errors';
import { connectRedis, deleteKeys, uniquePrefix } from '../approvals/redis-test-keys';
import { classified } from './sink-entries';

describe('alert routes', () => {
  const key = (project: string, cluster: string) => ({ project, cluster, class: 'quota_exceeded' as const });

  it('reads Slack channel ids as Slack conversations, and nothing else', () => {
    expect(parseDestination('C0123ABC')).toEqual({ platform: 'slack', space: 'C0123ABC' });
    expect(parseDestination('G0123ABC')).toEqual({ platform: 'slack', space: 'G0123ABC' });
    for (const id of ['', 'U0123ABC', '#ops', 'spaces/AAAA']) expect(parseDestination(id)).toBeNull();
  });

  it('routes by cluster, then project, then the fallback; no fallback routes nowhere', () => {
    const routes = configuredAlertRoutes('prod-1=CCLUSTER,acme-prod=GPROJECT', 'CDEFAULT');
    expect(routes(key('acme-prod', 'prod-1'))).toEqual({ platform: 'slack', space: 'CCLUSTER' });
    expect(routes(key('acme-prod', 'prod-2'))).toEqual({ platform: 'slack', space: 'GPROJECT' });
    expect(routes(key('other', 'other'))).toEqual({ platform: 'slack', space: 'CDEFAULT' });
    expect(configuredAlertRoutes(undefined, undefined)(key('other', 'other'))).toBeNull();
    expect(() => configuredAlertRoutes('prod-1=#ops', undefined)).toThrow(UsageError);
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
