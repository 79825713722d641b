import net from 'node:net';
import { REGISTRY_UNREACHABLE } from '../../src/registry/registry-unreachable';
import { cli } from '../support/cli';
import { CountingListener, startCountingListener } from '../support/counting-listener';

// `check IMAGE` must not be a port scanner: an image host off the allow-list is refused before any
// connection, and the answer is the same sentence whatever the host, port or address family.

const offline = ['--gke-version', '1.29.1-gke.1589018', '--node-location', 'us-east1-b', '--json'];

let listener: CountingListener;
let port: number;
const accepted = () => listener.accepted();

beforeAll(async () => {
  // A TCP port that is open on this machine: any connection to it is counted, then dropped.
  listener = await startCountingListener();
  port = listener.port;
});
afterAll(() => listener.close());
afterEach(() => jest.restoreAllMocks());

type Rule = { id: string; status: string; reason: string };

async function checkImage(image: string, env: NodeJS.ProcessEnv = {}) {
  const run = await cli(['check', image, ...offline], { GOOGLE_OAUTH_ACCESS_TOKEN: 'test-token', ...env });
  const out = JSON.parse(run.stdout) as { rules: Rule[] };
  return { run, schema1: out.rules.find((r) => r.id === 'schema1')! };
}

describe('imagestream check refuses registries off the allow-list', () => {
  const forms = () => [
    `127.0.0.1:${port}`,
    `2130706433:${port}`,
    `0x7f000001:${port}`,
    `127.1:${port}`,
    `localhost:${port}`,
    'localhost',
    '169.254.169.254:443',
    'metadata.google.internal:80',
    '10.0.0.1:6379',
    '192.168.0.1:443',
    // An allowed host on another port is another service.
    `us-docker.pkg.dev:${port}`,
  ];

  it('gives every host form the same answer, and opens no connection', async () => {
    const before = accepted();
    const connects = jest.spyOn(net.Socket.prototype, 'connect');
    const reasons = new Set<string>();
    for (const host of forms()) {
      const { run, schema1 } = await checkImage(`${host}/acme/app:v1`);
      expect(schema1.status).toBe('unknown');
      reasons.add(schema1.reason);
      // Why is the operator's to know: one line on stderr (the bot logs it instead).
      expect(run.stderr).toMatch(/^imagestream: registry: registry \S+ is not on the registry allow-list\n$/);
    }
    expect([...reasons]).toEqual([
      expect.stringContaining(`could not read the manifest from the registry: ${REGISTRY_UNREACHABLE}`),
    ]);
    expect(connects).not.toHaveBeenCalled();
    expect(accepted()).toBe(before);
  });

  it('reaches a host added by IMAGESTREAM_REGISTRY_HOSTS, and a failed TLS handshake reads the same', async () => {
    const before = accepted();
    const { schema1, run } = await checkImage(`127.0.0.1:${port}/acme/app:v1`, {
      IMAGESTREAM_REGISTRY_HOSTS: `127.0.0.1:${port}`,
    });
    expect(accepted()).toBe(before + 1);
    expect(schema1.reason).toContain(REGISTRY_UNREACHABLE);
    expect(run.stderr).toMatch(/^imagestream: registry: cannot reach registry 127\.0\.0\.1:\d+: /);
  });

  it('refuses a configured host whose address is never allowed (0.0.0.0 reaches this machine)', async () => {
    const before = accepted();
    const connects = jest.spyOn(net.Socket.prototype, 'connect');
    const { schema1, run } = await checkImage(`0.0.0.0:${port}/acme/app:v1`, {
      IMAGESTREAM_REGISTRY_HOSTS: `0.0.0.0:${port},169.254.169.254:80`,
    });
    expect(schema1.reason).toContain(REGISTRY_UNREACHABLE);
    expect(run.stderr).toContain('0.0.0.0 is in the unspecified range');
    const metadata = await checkImage('169.254.169.254:80/acme/app:v1', {
      IMAGESTREAM_REGISTRY_HOSTS: `169.254.169.254:80`,
    });
    expect(metadata.schema1.reason).toBe(schema1.reason);
    expect(metadata.run.stderr).toContain('169.254.169.254 is in the linkLocal range');
    expect(connects).not.toHaveBeenCalled();
    expect(accepted()).toBe(before);
  });
});
