/**
 * A typing mistake in `check` is answered before anything remote: no socket (registry, token
 * service, Google APIs) and no DNS lookup of the image's host, from the CLI and from the bot's job.
 * Once seen: `check IMAGE --cluster Prod_1` opened a TLS connection to the image's registry before
 * rejecting the cluster name.
 */
import dns from 'node:dns';
import http from 'node:http';
import net from 'node:net';
import { buildGatherDeps } from '../../src/check/build-gather-deps';
import { slackCheckOptionsSchema } from '../../src/check/check-options';
import { loadConfig } from '../../src/config';
import { runCheck } from '../../jobs/check';
import type { WorkerDeps } from '../../jobs/worker-deps';
import { cli } from '../support/cli';

const IMAGE = 'us-east1-docker.pkg.dev/acme-prod/web/frontend:v5';
const TARGET = { cluster: 'prod-1', location: 'us-east1', project: 'acme-prod' };

/** Connections the loopback registry / Google APIs accepted. */
let accepted = 0;
let server: http.Server;
let url: string;

beforeAll(async () => {
  // Answers every request with a 404: enough for a run to finish, and each connection is counted.
  server = http.createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{}');
  });
  server.on('connection', () => accepted++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

let connects: jest.SpyInstance;
let lookups: jest.SpyInstance[];
beforeEach(() => {
  accepted = 0;
  // Every socket this process opens, to any host, and every name it resolves.
  connects = jest.spyOn(net.Socket.prototype, 'connect');
  lookups = [jest.spyOn(dns.promises, 'lookup'), jest.spyOn(dns, 'lookup')];
});
afterEach(() => jest.restoreAllMocks());

/** Nothing left this process: no socket opened, no name looked up, nothing reached the listener. */
function expectNoNetwork(): void {
  expect(connects).not.toHaveBeenCalled();
  for (const lookup of lookups) expect(lookup).not.toHaveBeenCalled();
  expect(accepted).toBe(0);
}

/** Google APIs and the registry on the loopback listener, with a fixed token (no ADC, no metadata server). */
const loopbackEnv = (): NodeJS.ProcessEnv => ({
  GOOGLE_OAUTH_ACCESS_TOKEN: 'test-token',
  CONTAINER_API_ENDPOINT: url,
  ARTIFACTREGISTRY_API_ENDPOINT: url,
  SERVICEUSAGE_API_ENDPOINT: url,
  COMPUTE_API_ENDPOINT: url,
  CLOUDRESOURCEMANAGER_API_ENDPOINT: url,
  IMAGESTREAM_REGISTRY_URL: url,
  IMAGESTREAM_REGISTRY_HOSTS: new URL(url).host,
});

// Each a single bad typed value next to an otherwise valid cluster target.
const BAD_INPUT: Array<[string, Record<string, string>]> = [
  ['cluster name', { cluster: 'Prod_1' }],
  ['project id', { project: 'ACME' }],
  ['location', { location: 'mars' }],
  ['pool name', { pool: 'Default_Pool' }],
  ['GKE version', { gkeVersion: '1.27' }],
  ['created version', { createdVersion: 'latest' }],
  ['platform', { platform: 'amd64' }],
];

const FLAG: Record<string, string> = { gkeVersion: '--gke-version', createdVersion: '--created-version' };
const argsOf = (options: Record<string, string>) =>
  Object.entries(options).flatMap(([k, v]) => [FLAG[k] ?? `--${k}`, v]);

describe('imagestream check', () => {
  it.each(BAD_INPUT)('with a bad %s is a usage error before any connection', async (_what, bad) => {
    const run = await cli(['check', IMAGE, ...argsOf({ ...TARGET, ...bad })], loopbackEnv());
    expect(run.code).toBe(2);
    expectNoNetwork();
  });

  it('with a bad cluster name and the real registry host (no base URL, no token) connects nowhere', async () => {
    const run = await cli(['check', IMAGE, ...argsOf({ ...TARGET, cluster: 'Prod_1' })]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Prod_1|cluster/);
    expectNoNetwork();
  });

  it('with valid input does reach the registry and the APIs (what the counts above would see)', async () => {
    await cli(['check', IMAGE, ...argsOf(TARGET)], loopbackEnv());
    expect(accepted).toBeGreaterThan(0);
  });
});

describe("the bot's check job", () => {
  // A payload that skipped the Slack handler's checks (queued by an older version, or by hand):
  // the job validates it again before its first remote call.
  async function runJob(options: Record<string, string>): Promise<{ replies: unknown[]; error: unknown }> {
    const replies: unknown[] = [];
    const deps = {
      gather: buildGatherDeps(loadConfig({ METADATA_SERVER_DETECTION: 'none', ...loopbackEnv() })),
      reply: async (_to: unknown, message: unknown) => void replies.push(message),
    } as unknown as WorkerDeps;
    const payload = {
      replyTo: { responseUrl: 'https://hooks.slack.com/commands/T1/1/x', userId: 'U12345678', channelId: 'C12345678' },
      options: slackCheckOptionsSchema.parse({ image: IMAGE, ...options }),
    } as unknown as Parameters<typeof runCheck>[0];
    const error = await runCheck(payload, deps, { attemptsMade: 0, opts: { attempts: 3 } } as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { replies, error };
  }

  it.each(BAD_INPUT)('with a bad %s answers the user before any connection', async (_what, bad) => {
    const { replies, error } = await runJob({ ...TARGET, ...bad });
    expect(error).toBeDefined();
    expect(replies).toHaveLength(1);
    expectNoNetwork();
  });

  it('with valid input does reach the registry and the APIs (what the counts above would see)', async () => {
    await runJob(TARGET);
    expect(accepted).toBeGreaterThan(0);
  });
});
