/**
 * readLogEntry reads well-formed entries without zod (issue 14: a storm reads thousands a
 * second): what it returns must be exactly what the schema returns, and anything else still
 * goes through the schema, which explains the error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { logEntrySchema, readLogEntry } from '../../src/classifier/log-entry';

const SINK = path.join(__dirname, '..', 'fixtures', 'classifier', 'sink');
// The schema itself is the reference the fast path is compared with.
const schema = logEntrySchema;

const fixtures = fs
  .readdirSync(SINK)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(SINK, f), 'utf8')) as Record<string, unknown>);

describe('readLogEntry', () => {
  it('returns what the schema returns for every sink fixture, extra fields dropped', () => {
    expect(fixtures.length).toBeGreaterThan(3);
    for (const value of fixtures) {
      const withExtras = { ...value, extra: { deep: [1, 2] }, resource: { ...(value.resource as object), more: 1 } };
      expect(readLogEntry(withExtras)).toEqual(schema.parse(withExtras));
      expect(readLogEntry(value)).toEqual(schema.parse(value));
    }
  });

  it('does not hand back the input objects (callers may not share them)', () => {
    const value = JSON.parse(JSON.stringify(fixtures[0]));
    const entry = readLogEntry(value);
    if (value.resource) expect(entry.resource).not.toBe(value.resource);
    if (value.jsonPayload) expect(entry.jsonPayload).not.toBe(value.jsonPayload);
  });

  it.each([
    [{ insertId: 5 }],
    [{ insertId: 'a', resource: { labels: { node_name: 3 } } }],
    [{ insertId: 'a', resource: 'k8s_node' }],
    [{ insertId: 'a', labels: ['x'] }],
    [{ insertId: 'a', jsonPayload: [] }],
    [{ textPayload: null }],
  ])('leaves a malformed entry to the schema, which explains it: %j', (value) => {
    expect(() => readLogEntry(value)).toThrow(/^not a LogEntry: /);
    expect(schema.safeParse(value).success).toBe(false);
  });

  it('reads a __proto__ key as the schema does', () => {
    const value = JSON.parse(
      '{"insertId":"a","jsonPayload":{"__proto__":{"x":1},"MESSAGE":"m"},"labels":{"__proto__":"v"}}',
    );
    expect(readLogEntry(value)).toEqual(schema.parse(value));
  });
});
