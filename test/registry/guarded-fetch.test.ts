import { createHash } from 'node:crypto';
import net from 'node:net';
import { parseImageRef } from '../../src/images/image-ref';
import { fetchImageManifest } from '../../src/registry/fetch-image-manifest';
import { guardedLookup, ResolveHost } from '../../src/registry/guarded-fetch';
import { RegistryUnreachableError } from '../../src/registry/registry-unreachable';
import { RegistryStub, startRegistryStub } from '../support/registry-stub';

// The address is checked when the connection is opened, on what the resolver says then: a name
// that resolved to an allowed address once may resolve to the metadata server the next time (DNS
// rebinding), and a name may resolve to several addresses, every one of which must be allowed.

const sha256 = (b: string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const CONFIG = JSON.stringify({ rootfs: { type: 'layers', diff_ids: [`sha256:${'2'.repeat(64)}`] } });
const MANIFEST = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(CONFIG), size: CONFIG.length },
  layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${'1'.repeat(64)}`, size: 10 }],
});

let stub: RegistryStub;
let port: number;

beforeAll(async () => {
  stub = await startRegistryStub((req, res) => {
    // A new connection for every request, so every request goes through the resolver again.
    res.writeHead(200, { connection: 'close', 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
    res.end(req.url?.includes('/manifests/') ? MANIFEST : CONFIG);
  });
  port = Number(stub.host.split(':')[1]);
});
afterAll(async () => {
  await stub?.stop();
});

/** A resolver answering `answers` in turn (the last one for ever), counting the questions. */
function resolver(...answers: string[][]): ResolveHost & { calls: number } {
  const resolve = async () => {
    const addresses = answers[Math.min(resolve.calls++, answers.length - 1)]!;
    return addresses.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
  };
  resolve.calls = 0;
  return resolve;
}

// `localhost` is the one name the test's network guard lets a socket be opened for by name; it
// stands for an operator-named mirror whose DNS answers are under test.
// (As IMAGESTREAM_REGISTRY_URL, the stub being plain http: its host is allowed as a named host.)
const image = () => parseImageRef(`localhost:${port}/acme/app:v1`);
const mirror = () => ({ baseUrl: `http://localhost:${port}` });

describe('the guarded fetch', () => {
  it('connects a named host to the address the resolver gives (loopback allowed for it)', async () => {
    const resolve = resolver(['127.0.0.1']);
    const facts = await fetchImageManifest(image(), { ...mirror(), resolveHost: resolve });
    expect(facts.diffIds).toHaveLength(1);
    expect(resolve.calls).toBe(2); // manifest and config, one connection each
  });

  it('refuses the connection when the name rebinds to the metadata server between two requests', async () => {
    const resolve = resolver(['127.0.0.1'], ['169.254.169.254']);
    const err = await fetchImageManifest(image(), { ...mirror(), resolveHost: resolve }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryUnreachableError);
    expect((err as RegistryUnreachableError).detail).toBe(
      `cannot reach registry localhost:${port}: localhost resolved to a refused address: 169.254.169.254 is in the linkLocal range`,
    );
    expect(resolve.calls).toBe(2);
  });
});

describe('guardedLookup', () => {
  function lookup(resolve: ResolveHost, privateOk: boolean, options: { all?: boolean; family?: number } = {}) {
    return new Promise<{ err: Error | null; result: unknown }>((done) =>
      guardedLookup(resolve, privateOk)('registry.mirror.example', options as never, (err, address, family) =>
        done({ err, result: options.all ? address : { address, family } }),
      ),
    );
  }

  it('refuses a name when any of its addresses is refused', async () => {
    const { err } = await lookup(resolver(['8.8.8.8', '10.0.0.7']), false, { all: true });
    expect(err?.message).toBe(
      'registry.mirror.example resolved to a refused address: 10.0.0.7 is in the private range',
    );
  });

  it.each([['::ffff:127.0.0.1'], ['::1'], ['0.0.0.0'], ['169.254.169.254']])(
    'refuses %s for a host allowed by a wildcard or default',
    async (address) => {
      const { err } = await lookup(resolver([address]), false);
      expect(err?.message).toMatch(/resolved to a refused address/);
    },
  );

  it('answers in the shape net.connect asked for, public addresses only', async () => {
    const resolve = resolver(['2607:f8b0:4004::1', '142.250.0.1']);
    expect(await lookup(resolve, false, { all: true })).toEqual({
      err: null,
      result: [
        { address: '2607:f8b0:4004::1', family: 6 },
        { address: '142.250.0.1', family: 4 },
      ],
    });
    expect(await lookup(resolve, false, { family: 4 })).toEqual({
      err: null,
      result: { address: '142.250.0.1', family: 4 },
    });
  });
});
