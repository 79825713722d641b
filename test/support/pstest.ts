/**
 * Google's in-memory Pub/Sub server (`pstest`, from Debian's golang-google-cloud-dev) for the alert
 * suites. `test/pstest/main.go` is built once per machine in GOPATH mode into a cache directory
 * named after the source's hash (so an edit rebuilds it), then started once per test file.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** A running pstest server. */
export interface Pstest {
  /** `127.0.0.1:PORT`, for `PUBSUB_EMULATOR_HOST` or `apiEndpoint`. */
  host: string;
  stop(): Promise<void>;
}

const SOURCE = path.join(__dirname, '..', 'pstest', 'main.go');
const GOPATH_SYSTEM = '/usr/share/gocode';
const CACHE = path.join(os.tmpdir(), 'imagestream-pstest');
const run = promisify(execFile);

/** Builds the server unless a binary of this exact source exists; returns its path. */
export async function buildPstest(): Promise<string> {
  const source = await readFile(SOURCE);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const bin = path.join(CACHE, 'bin', `pstest-${hash}`);
  try {
    await access(bin);
    return bin;
  } catch {
    // not built yet
  }
  // A private GOPATH per build: parallel Jest workers may build at the same time; the rename at
  // the end is atomic, so every worker ends up with a complete binary.
  const gopath = path.join(CACHE, `gopath-${randomBytes(6).toString('hex')}`);
  const pkg = path.join(gopath, 'src', 'imagestreampstest');
  await mkdir(pkg, { recursive: true });
  await mkdir(path.dirname(bin), { recursive: true });
  await writeFile(path.join(pkg, 'main.go'), source);
  const partial = `${bin}.${randomBytes(6).toString('hex')}.partial`;
  try {
    await run('go', ['build', '-o', partial, '.'], {
      cwd: pkg,
      env: {
        ...process.env,
        GO111MODULE: 'off',
        GOPATH: `${gopath}:${GOPATH_SYSTEM}`,
        // HOME may be unset under CI; Go refuses to build without a cache directory.
        GOCACHE: process.env.GOCACHE ?? path.join(CACHE, 'gocache'),
        GOFLAGS: '',
      },
      timeout: 180_000,
    });
    await rename(partial, bin);
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? '';
    throw new Error(`building pstest failed (apt-get install golang-go golang-google-cloud-dev?): ${stderr || err}`);
  } finally {
    await rm(gopath, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
  return bin;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts a fresh server on a random loopback port and waits for the address it prints. */
export async function startPstest(): Promise<Pstest> {
  const bin = await buildPstest();
  // stdin stays a pipe: the server exits when it closes, so it never outlives Jest.
  const child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const host = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve(
        out
          .slice(0, nl)
          .trim()
          .replace(/^\[::\]|^0\.0\.0\.0/, '127.0.0.1'),
      );
    };
    child.stdout!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`pstest exited (${code}) before listening: ${stderr}`)));
  });
  return {
    host,
    async stop() {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}
