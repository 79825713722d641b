import { readAlertMessage } from '../../src/alerts/read-alert-message';
import { sinkEntry } from './sink-entries';

const data = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('readAlertMessage', () => {
  it('classifies a sink message', () => {
    const read = readAlertMessage(data(sinkEntry('quota-exceeded', { insertId: 'abc' })));
    expect(read).toMatchObject({ entry: { class: 'quota_exceeded', insertId: 'abc', cluster: 'prod-east' } });
  });

  it.each([
    ['not JSON', '{"insertId": ', /^not JSON: /],
    ['an array', '[1,2]', /^not a LogEntry: expected a JSON object, got an array/],
    ['null', 'null', /^not a LogEntry: /],
    ['no LogEntry field', '{"hello": "world"}', /^not a LogEntry: the object has none of/],
    ['a wrong type', '{"insertId": 5}', /^not a LogEntry: insertId: /],
    ['empty', '', /^not JSON: /],
  ])('calls %s poison', (_name, text, reason) => {
    const read = readAlertMessage(data(text));
    expect('poison' in read && read.poison).toMatch(reason);
  });

  it('calls a message over 1 MB poison without parsing it', () => {
    const huge = data({ insertId: 'x', textPayload: 'a'.repeat(1024 * 1024) });
    expect(readAlertMessage(huge)).toEqual({ poison: `larger than 1048576 bytes (${huge.length})` });
  });
});
