import { channelFor, parseChannelMap } from '../../src/alerts/channel-map';
import { UsageError } from '../../src/errors';

describe('parseChannelMap', () => {
  it('reads cluster and project names to channel ids', () => {
    expect(parseChannelMap('prod-1=C123ABC, acme-prod = G456DEF,')).toEqual({
      'prod-1': 'C123ABC',
      'acme-prod': 'G456DEF',
    });
    expect(parseChannelMap('example.com:proj=C1AB')).toEqual({ 'example.com:proj': 'C1AB' });
  });

  it('reads Google Chat spaces, and a Slack channel and a space together', () => {
    expect(parseChannelMap('prod-1=spaces/AAAA, acme-prod = C123ABC + spaces/BBBB')).toEqual({
      'prod-1': 'spaces/AAAA',
      'acme-prod': 'C123ABC+spaces/BBBB',
    });
  });

  it('reads nothing from an absent or empty value', () => {
    expect(parseChannelMap(undefined)).toEqual({});
    expect(parseChannelMap('  ')).toEqual({});
  });

  it.each([
    ['prod-1', 'is not NAME=CHANNEL_ID'],
    ['prod-1=', 'Slack channel IDs look like C0123ABC'],
    ['prod-1=#ops', 'Slack channel IDs look like C0123ABC'],
    ['prod-1=U123ABC', 'Slack channel IDs look like C0123ABC'],
    ['prod-1=spaces/', 'Google Chat spaces look like spaces/AAAA1234'],
    ['prod-1=C123+', 'alert channel map entry "prod-1=C123+": Slack channel IDs look like C0123ABC'],
    ['prod-1=C123ABC+C456DEF', 'alert channel map entry "prod-1=C123ABC+C456DEF" names two slack destinations'],
    ['prod-1=spaces/A+C1AB+spaces/B', 'names two gchat destinations; one per platform'],
    ['Prod=C123', 'is not a cluster or project name'],
    ['__proto__=C123', 'is not a cluster or project name'],
    ['=C123', 'is not a cluster or project name'],
    ['a=C123,a=C456', 'names "a" twice'],
  ])('refuses %j', (text, message) => {
    expect(() => parseChannelMap(text)).toThrow(UsageError);
    expect(() => parseChannelMap(text)).toThrow(message);
  });
});

describe('channelFor', () => {
  const pick = channelFor(parseChannelMap('prod-1=CCLUSTER,acme-prod=CPROJECT'), 'CDEFAULT');
  const key = (project: string, cluster: string) => ({ project, cluster, class: 'quota_exceeded' as const });

  it('takes the cluster first, then the project, then the fallback', () => {
    expect(pick(key('acme-prod', 'prod-1'))).toBe('CCLUSTER');
    expect(pick(key('acme-prod', 'prod-2'))).toBe('CPROJECT');
    expect(pick(key('other', 'prod-1'))).toBe('CCLUSTER');
    expect(pick(key('other', 'other'))).toBe('CDEFAULT');
    expect(pick(key('toString', 'constructor'))).toBe('CDEFAULT');
  });
});
