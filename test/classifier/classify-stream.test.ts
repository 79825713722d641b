import { ClassifiedEntry } from '../../src/classifier/classify-entry';
import { StreamResult, classifyText } from '../../src/classifier/classify-stream';
import { fixtureText } from './load-fixture';

/** A result as `class` or `line N: error`, to compare whole streams at a glance. */
const summary = (r: StreamResult) => ('error' in r ? `line ${r.line}: ${r.error}` : r.class);
const entry = (r: StreamResult | undefined) => {
  if (!r || 'error' in r) throw new Error(`expected a classified entry, got ${JSON.stringify(r)}`);
  return r as ClassifiedEntry;
};

describe('classifyText on JSON lines', () => {
  const results = classifyText(fixtureText('variants.jsonl'));

  it('classifies every line in order, reporting bad lines by their line number and going on', () => {
    expect(results.map(summary)).toEqual([
      'permission_denied', // 1: journald, time= prefix, "code  =  permissiondenied", odd casing
      'quota_exceeded', // 2: textPayload, code=ResourceExhausted
      // 3 is blank: skipped, still counted
      expect.stringMatching(/^line 4: not JSON: /),
      'invalid_argument', // 5: structured jsonPayload level/msg/error/image
      'line 6: not a LogEntry: expected a JSON object, got a number',
      'failed_precondition', // 7: CODE =FAILED_PRECONDITION
      expect.stringMatching(/^line 8: not a LogEntry: the object has none of logName/),
      'none', // 9: gcfsd info line
      'none', // 10: an application's own PermissionDenied is not gcfsd's
      'symlink_rename', // 11: Go os.Rename
      'symlink_rename', // 12: Python os.replace
      'none', // 13: ENXIO without a rename
      'line 14: not a LogEntry: expected a JSON object, got null',
      'line 15: not a LogEntry: expected a JSON object, got an array',
      'failed_precondition', // 16: minimal entry
      'quota_exceeded', // 17: jsonPayload.message with the error in its own field
    ]);
  });

  it('keeps the details of the entries around the bad lines', () => {
    expect(entry(results[1]).quota?.consumer).toBe('project_number:123456789012');
    expect(entry(results[1]).fields.path).toBe('usr/lib/x86_64-linux-gnu/libLLVM-15.so.1');
    expect(entry(results[3]).image).toBe('us-east1-docker.pkg.dev/acme-prod/web/frontend:v5');
    expect(entry(results[14])).toMatchObject({ project: 'other-proj', node: null });
    expect(entry(results[15]).quota?.service).toBe('containerfilesystem.googleapis.com');
    expect(entry(results[15]).message).toBe('backend.FileContent failed');
  });

  it('accepts CRLF line ends, a byte-order mark and trailing blank lines', () => {
    const text =
      '\ufeff{"textPayload":"code=InvalidArgument"}\r\n\r\nnope\r\n{"textPayload":"code = FailedPrecondition"}\r\n\r\n';
    expect(classifyText(text).map(summary)).toEqual([
      'invalid_argument',
      expect.stringMatching(/^line 3: not JSON/),
      'failed_precondition',
    ]);
  });

  it('returns nothing for empty text', () => {
    expect(classifyText('')).toEqual([]);
    expect(classifyText(' \n\n ')).toEqual([]);
  });

  it('keeps the error of a huge bad line short', () => {
    const [result] = classifyText(`${'x'.repeat(1_000_000)}\n`);
    expect(summary(result)).toMatch(/^line 1: not JSON: /);
    expect((result as { error: string }).error.length).toBeLessThanOrEqual(200);
  });
});

describe('classifyText on a JSON array', () => {
  it('numbers items by index + 1 and goes on after a bad item', () => {
    expect(classifyText(fixtureText('gcloud-read.json')).map(summary)).toEqual([
      'invalid_argument',
      'none',
      'line 3: not a LogEntry: expected a JSON object, got a string',
      'symlink_rename',
      'permission_denied',
    ]);
  });

  it('reports an array that is not valid JSON once, at the line where parsing stopped', () => {
    const results = classifyText('\n[\n  {"textPayload": "code=InvalidArgument"},\n  {oops}\n]\n');
    expect(results).toEqual([{ line: 4, error: expect.stringMatching(/^not JSON: /) }]);
  });
});

describe('classifyText on one JSON document', () => {
  it('reads an entries.list response by its entries, in order', () => {
    expect(classifyText(fixtureText('entries-list-response.json')).map(summary)).toEqual([
      'symlink_rename',
      'symlink_rename',
      'invalid_argument',
      'failed_precondition',
      'quota_exceeded',
      'permission_denied',
    ]);
    expect(classifyText('{"entries": []}')).toEqual([]);
  });

  it('reads a single pretty-printed LogEntry (a Pub/Sub sink message body)', () => {
    const results = classifyText(fixtureText('sink/quota-exceeded.json'));
    expect(results).toHaveLength(1);
    expect(entry(results[0]).quota?.metric).toBe('Content requests per project per region');
  });
});
