/** The library's protobuf entries back to Cloud Logging's REST JSON, as the readers take them. */
import { rfc3339, structToObject, toLogEntryJson } from '../../src/cloud-logging/log-entry-json';

describe('toLogEntryJson', () => {
  it('keeps what was set, decodes the Struct and the timestamp, and leaves defaults out', () => {
    const raw = {
      logName: 'projects/p/logs/events',
      insertId: '',
      trace: '',
      labels: {},
      resource: { type: 'k8s_pod', labels: { cluster_name: 'c', pod_name: 'web-1' } },
      timestamp: { seconds: '1709641809', nanos: 118520000 },
      receiveTimestamp: null,
      severity: 300,
      httpRequest: null,
      jsonPayload: {
        fields: {
          reason: { stringValue: 'Pulled', kind: 'stringValue' },
          count: { numberValue: 2, kind: 'numberValue' },
          involvedObject: {
            structValue: { fields: { kind: { stringValue: 'Pod' }, uid: { nullValue: 'NULL_VALUE' } } },
            kind: 'structValue',
          },
          list: { listValue: { values: [{ boolValue: false }, { stringValue: '' }] }, kind: 'listValue' },
        },
      },
      payload: 'jsonPayload',
    };
    expect(toLogEntryJson(raw)).toEqual({
      logName: 'projects/p/logs/events',
      resource: { type: 'k8s_pod', labels: { cluster_name: 'c', pod_name: 'web-1' } },
      timestamp: '2024-03-05T12:30:09.118520Z',
      severity: 'NOTICE',
      jsonPayload: { reason: 'Pulled', count: 2, involvedObject: { kind: 'Pod', uid: null }, list: [false, ''] },
    });
  });

  it('turns a non-object into an empty entry (the reader counts it as unreadable)', () => {
    expect(toLogEntryJson(null)).toEqual({});
    expect(structToObject(undefined)).toEqual({});
  });
});

describe('rfc3339', () => {
  it.each([
    [{ seconds: 1709641800, nanos: 0 }, '2024-03-05T12:30:00.000Z'],
    [{ seconds: '1709641800', nanos: 5_000_000 }, '2024-03-05T12:30:00.005Z'],
    [{ seconds: '1709641800', nanos: 118_520_000 }, '2024-03-05T12:30:00.118520Z'],
    [{ seconds: '1709641800', nanos: 118_520_001 }, '2024-03-05T12:30:00.118520001Z'],
    ['2024-03-05T12:30:00Z', '2024-03-05T12:30:00Z'],
  ])('%j -> %s', (value, text) => {
    expect(rfc3339(value)).toBe(text);
  });

  it('is undefined for what is no timestamp', () => {
    expect(rfc3339(null)).toBeUndefined();
    expect(rfc3339({ nanos: 1 })).toBeUndefined();
    expect(rfc3339({ seconds: 1, nanos: 2e9 })).toBeUndefined();
  });
});
