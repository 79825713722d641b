/**
 * Off Google Cloud, without METADATA_SERVER_DETECTION=none, Google's auth library probes the
 * metadata server for credentials; when the probe fails in an unexpected way (here a connection
 * reset, as a broken DNS or proxy gives) it emits a MetadataLookupWarning, which Node would print
 * to stderr. The CLI's stderr must stay its own: nothing, or one line.
 *
 * Nothing leaves loopback: the built CLI runs in a child with GCE_METADATA_HOST pointed at a local
 * server that resets every connection (the auth library then tries no other address), every Google
 * endpoint at a local port, no credentials and an empty HOME (no gcloud ADC file).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { muteMetadataLookupWarning } from '../../src/cli/mute-metadata-warning';
import { freePort } from '../support/free-port';

jest.setTimeout(30_000);

const bin = path.join(__dirname, '..', '..', 'bin', 'imagestream.js');
const IMAGE = 'us-east1-docker.pkg.dev/acme-prod/web/frontend:v5';

let metadata: net.Server;
let metadataHost: string;
let probes = 0;
beforeAll(async () => {
  metadata = net.createServer((socket) => {
    probes += 1;
    socket.resetAndDestroy();
  });
  await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', resolve));
  metadataHost = `127.0.0.1:${(metadata.address() as net.AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => metadata.close(() => resolve())));

/** Runs the built CLI as a user's shell would, without METADATA_SERVER_DETECTION. */
async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const nobody = `http://127.0.0.1:${await freePort()}/`;
  const child = spawn(process.execPath, [bin, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: mkdtempSync(path.join(os.tmpdir(), 'imagestream-home-')),
      GCE_METADATA_HOST: metadataHost,
      CONTAINER_API_ENDPOINT: nobody,
      ARTIFACTREGISTRY_API_ENDPOINT: nobody,
      SERVICEUSAGE_API_ENDPOINT: nobody,
      COMPUTE_API_ENDPOINT: nobody,
      CLOUDRESOURCEMANAGER_API_ENDPOINT: nobody,
      IMAGESTREAM_REGISTRY_URL: nobody,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

describe('the CLI without credentials, off Google Cloud', () => {
  it('reports the missing credentials in its output, with nothing from the metadata probe on stderr', async () => {
    const r = await run([
      'check',
      IMAGE,
      '--cluster',
      'prod-1',
      '--location',
      'us-east1',
      '--project',
      'acme-prod',
      '--no-registry',
      '--json',
    ]);
    expect(probes).toBeGreaterThan(0);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'unknown' });
    expect(r.stdout).toContain('Could not load the default credentials');
  });

  it('prints an error as one line', async () => {
    const r = await run([
      'check',
      IMAGE,
      '--cluster',
      'prod-1',
      '--location',
      'us-east1',
      '--project',
      'acme-prod',
      '--manifest',
      '/nonexistent/manifest.json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^imagestream: --manifest \/nonexistent\/manifest.json: no such file\n$/);
  });
});

describe('muteMetadataLookupWarning', () => {
  it("drops only the metadata probe's warning; Node's printer still gets every other one", () => {
    const proc = new EventEmitter();
    const printed: string[] = [];
    proc.on('warning', (w: Error) => printed.push(w.name));
    muteMetadataLookupWarning(proc as unknown as NodeJS.Process);
    const warning = (name: string) => Object.assign(new Error(name), { name });
    proc.emit('warning', warning('MetadataLookupWarning'));
    proc.emit('warning', warning('DeprecationWarning'));
    expect(printed).toEqual(['DeprecationWarning']);
  });
});
