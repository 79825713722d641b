import { classifyEntry } from '../../src/classifier/classify-entry';
import { EntryError } from '../../src/classifier/entry-error';
import { UsageError } from '../../src/errors';
import { fixtureJson } from './load-fixture';

const sink = (name: string) => fixtureJson(`sink/${name}.json`);

// docs/image-streaming.md, Quota row, verbatim.
const QUOTA_MESSAGE =
  `level=error msg="backend.FileContent failed" error="rpc error: code = ResourceExhausted desc = Quota exceeded for quota metric ` +
  `'Content requests per project per region' and limit 'Content requests per project per region per minute per region' of service ` +
  `'containerfilesystem.googleapis.com' for consumer 'project_number:PROJECT_NUMBER'." layer_id="sha256:1234567890" module=gcfs_backend offset=0 path=etc/passwd size=4096`;

describe('classifyEntry on the docs/image-streaming.md messages as a Pub/Sub sink delivers them', () => {
  it.each([
    ['permission-denied', 'permission_denied'],
    ['quota-exceeded', 'quota_exceeded'],
    ['failed-precondition', 'failed_precondition'],
    ['invalid-argument', 'invalid_argument'],
    ['symlink-mv', 'symlink_rename'],
    ['symlink-renameat2', 'symlink_rename'],
    ['gcfsd-info', 'none'],
  ])('%s is %s', (name, expected) => {
    expect(classifyEntry(sink(name)).class).toBe(expected);
  });

  it('reports where a gcfsd entry comes from (k8s_node resource labels)', () => {
    expect(classifyEntry(sink('permission-denied'))).toMatchObject({
      project: 'acme-prod',
      cluster: 'prod-east',
      location: 'us-east1-b',
      node: 'gke-prod-east-default-pool-6f1c2a9e-x7k9',
      insertId: '3v9q2f5m8x1a7',
      timestamp: '2024-03-05T10:15:22.418529Z',
      logName: 'projects/acme-prod/logs/gcfsd',
      severity: 'INFO',
    });
  });

  it('takes the node of an application entry from its compute.googleapis.com/resource_name label', () => {
    expect(classifyEntry(sink('symlink-mv'))).toMatchObject({
      project: 'acme-prod',
      cluster: 'prod-east',
      node: 'gke-prod-east-default-pool-6f1c2a9e-x7k9',
      message: "mv: cannot move '/app/config/current' to '/app/config/previous': No such device or address\n",
    });
  });

  it('classifies journald MESSAGE and keeps journald fields out of `fields`', () => {
    const result = classifyEntry(sink('quota-exceeded'));
    expect(result.message).toBe(QUOTA_MESSAGE);
    expect(result.fields).toEqual({
      level: 'error',
      msg: 'backend.FileContent failed',
      error:
        "rpc error: code = ResourceExhausted desc = Quota exceeded for quota metric 'Content requests per project per region' and limit " +
        "'Content requests per project per region per minute per region' of service 'containerfilesystem.googleapis.com' for consumer 'project_number:PROJECT_NUMBER'.",
      layer_id: 'sha256:1234567890',
      module: 'gcfs_backend',
      offset: '0',
      path: 'etc/passwd',
      size: '4096',
    });
  });

  it('parses the quota metric, limit, service and consumer', () => {
    expect(classifyEntry(sink('quota-exceeded')).quota).toEqual({
      metric: 'Content requests per project per region',
      limit: 'Content requests per project per region per minute per region',
      service: 'containerfilesystem.googleapis.com',
      consumer: 'project_number:PROJECT_NUMBER',
    });
  });

  it('classifies the LogEntry carried base64 in a Pub/Sub push message', () => {
    const push = fixtureJson('pubsub-push-quota.json') as {
      message: { data: string; attributes: Record<string, string> };
    };
    const entry = JSON.parse(Buffer.from(push.message.data, 'base64').toString('utf8'));
    const result = classifyEntry(entry);
    expect(result.class).toBe('quota_exceeded');
    expect(result.timestamp).toBe(push.message.attributes['logging.googleapis.com/timestamp']);
    expect(result.quota?.limit).toBe('Content requests per project per region per minute per region');
  });
});

describe('classifyEntry on entries.list items', () => {
  const { entries } = fixtureJson('entries-list-response.json') as { entries: Array<Record<string, unknown>> };

  it('gives the same class from textPayload as from jsonPayload.MESSAGE', () => {
    const classes = entries.map((e) => [e.insertId, 'textPayload' in e ? 'text' : 'json', classifyEntry(e).class]);
    expect(classes).toEqual([
      ['z2x4c6v8b0n2m', 'text', 'symlink_rename'],
      ['q8w6e4r2t0y8u', 'text', 'symlink_rename'],
      ['m6n4b2v0c8x6z', 'text', 'invalid_argument'],
      ['p4o2i9u7y5t3r', 'json', 'failed_precondition'],
      ['k1z8w3r6t0y4u', 'text', 'quota_exceeded'],
      ['3v9q2f5m8x1a7', 'json', 'permission_denied'],
    ]);
  });

  it('reads the quota from a textPayload too', () => {
    const quota = entries.find((e) => e.insertId === 'k1z8w3r6t0y4u');
    expect(classifyEntry(quota).quota?.metric).toBe('Content requests per project per region');
  });
});

describe('meaning and fix', () => {
  const fixOf = (name: string) => classifyEntry(sink(name)).fix ?? '';

  it('permission_denied: a new pool with the devstorage.read_only scope', () => {
    const fix = fixOf('permission-denied');
    expect(fix).toContain('https://www.googleapis.com/auth/devstorage.read_only');
    expect(fix).toContain('--enable-image-streaming');
    expect(fix).toContain('--image-type=COS_CONTAINERD');
    expect(fix).toMatch(/new node pool/);
  });

  it('quota_exceeded: raise both content-request quotas', () => {
    const fix = fixOf('quota-exceeded');
    expect(fix).toContain('"Content requests per project per region per minute per region"');
    expect(fix).toContain('"Content requests per project per region"');
  });

  it('failed_precondition: wait and redeploy, or new nodes', () => {
    expect(fixOf('failed-precondition')).toMatch(/wait a few minutes and redeploy/i);
    expect(classifyEntry(sink('failed-precondition')).meaning).toMatch(/not yet imported/);
  });

  it('invalid_argument: the image is not eligible; Artifact Registry', () => {
    expect(classifyEntry(sink('invalid-argument')).meaning).toMatch(/not eligible/);
    expect(fixOf('invalid-argument')).toContain('Artifact Registry');
  });

  it('symlink_rename: every fixed patch, or disable streaming on the pool', () => {
    const fix = fixOf('symlink-mv');
    for (const v of ['1.25.14-gke.1351000', '1.26.9-gke.1345000', '1.27.6-gke.100', '1.28.1-gke.1157000'])
      expect(fix).toContain(v);
    expect(fix).toContain('--no-enable-image-streaming');
    expect(fix).toMatch(/renameat2/);
  });

  it('none has no meaning and no fix', () => {
    expect(classifyEntry(sink('gcfsd-info'))).toMatchObject({ class: 'none', meaning: null, fix: null });
  });
});

describe('classifyEntry details', () => {
  it('merges structured jsonPayload fields, which win over the same key in the message', () => {
    const result = classifyEntry({
      logName: 'projects/p/logs/gcfsd',
      jsonPayload: {
        message: 'level=info msg="fetch" layer_id=sha256:ab',
        level: 'error',
        error: 'rpc error: code = InvalidArgument',
        offset: 0,
      },
    });
    expect(result.class).toBe('invalid_argument');
    expect(result.message).toBe('level=info msg="fetch" layer_id=sha256:ab');
    expect(result.fields).toEqual({
      level: 'error',
      msg: 'fetch',
      layer_id: 'sha256:ab',
      error: 'rpc error: code = InvalidArgument',
      offset: '0',
    });
  });

  it('does not turn the words of prose into fields', () => {
    expect(
      classifyEntry({
        textPayload: 'renameat2(AT_FDCWD, "a", AT_FDCWD, "b", 0) = -1 ENXIO (No such device or address)',
      }).fields,
    ).toEqual({});
  });

  it('names the image from an image field, or from the text', () => {
    expect(
      classifyEntry({ textPayload: 'level=error image="us-docker.pkg.dev/p/r/app:v1" error="code=InvalidArgument"' })
        .image,
    ).toBe('us-docker.pkg.dev/p/r/app:v1');
    expect(classifyEntry(sink('gcfsd-info')).image).toBe('us-east1-docker.pkg.dev/acme-prod/web/frontend:v5');
    expect(classifyEntry({ textPayload: 'code=InvalidArgument image=not/a:valid:ref' }).image).toBeUndefined();
  });

  it('falls back to the logName project and to journald _HOSTNAME for the node', () => {
    const result = classifyEntry({
      logName: 'projects/other-proj/logs/gcfsd',
      jsonPayload: { MESSAGE: 'code = FailedPrecondition', _HOSTNAME: 'gke-n-1' },
    });
    expect(result).toMatchObject({
      class: 'failed_precondition',
      project: 'other-proj',
      node: 'gke-n-1',
      cluster: null,
      location: null,
      insertId: null,
    });
  });

  it('has a null message and class none for a protoPayload (audit) entry', () => {
    expect(
      classifyEntry({
        logName: 'projects/p/logs/cloudaudit.googleapis.com%2Factivity',
        protoPayload: { status: { code: 7 } },
      }),
    ).toMatchObject({
      class: 'none',
      message: null,
      project: 'p',
    });
  });

  it('tolerates deeply nested junk inside the payload', () => {
    let deep: unknown = 'code = PermissionDenied';
    for (let i = 0; i < 10000; i++) deep = { a: deep };
    expect(classifyEntry({ insertId: 'x', jsonPayload: { nested: deep } }).class).toBe('none');
  });
});

describe('classifyEntry on values that are not LogEntries', () => {
  it.each([
    [42, /got a number/],
    [null, /got null/],
    [undefined, /got undefined/],
    ['x'.repeat(1_000_000), /got a string/],
    [[{ logName: 'projects/p/logs/gcfsd' }], /got an array/],
    [true, /got a boolean/],
    [{ hello: 'world' }, /none of logName, resource, insertId/],
    [{ logName: 5 }, /^not a LogEntry: logName: /],
    [{ resource: { labels: { project_id: 7 } } }, /resource\.labels\.project_id/],
  ])('rejects %#', (value, message) => {
    let thrown: unknown;
    try {
      classifyEntry(value);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(EntryError);
    expect(thrown).toBeInstanceOf(UsageError);
    const text = (thrown as Error).message;
    expect(text).toMatch(/^not a LogEntry: /);
    expect(text).toMatch(message);
    expect(text.length).toBeLessThan(200);
  });
});
