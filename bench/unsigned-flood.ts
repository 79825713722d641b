/**
 * Unauthenticated flood: BENCH_FLOOD_REQUESTS (150) requests to the built bot (web role, its own
 * process, as `npm start` runs it) that Slack never sent, held open, and the bot's RSS before,
 * during and after. Each case runs against a fresh bot so one case's leftovers do not count in the
 * next. Cases:
 * - `unsigned, 4 MB claimed, nearly all sent, then stalled`: no Slack headers; the client sends
 *   all but the last byte of a 4 MB body and waits.
 * - `unsigned, 4 MB claimed, trickled`: no Slack headers; 1 KB every 100 ms.
 * - `forged headers, limit claimed, trickled`: Slack's headers with a fresh timestamp and a made-up
 *   signature (what passes a check that cannot see the body), a body of the bot's limit, 16 KB
 *   every 100 ms: only the body-read deadline can cut it.
 * One JSON line per case: RSS (MB, /proc/PID/status VmRSS) before, the peak sampled during the
 * hold (BENCH_FLOOD_HOLD_SECONDS, 20), after the client closed every socket, the kernel's
 * high-water mark before the flood (start-up) and at the end, how many connections the bot closed
 * during the hold, and the statuses the client read ("none": the connection was closed or reset
 * before a status could be read; a server closing a socket with unread bytes resets it).
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { DEFAULT_HTTP_LIMITS } from '../src/app/http-limits';
import { startGkeFake } from '../test/fakes/gke-api';
import { startFakeSlack } from '../test/fakes/slack-api';
import { loadGkeCluster, SHOP } from '../test/gke/gke-test-setup';
import { botEnv, deleteKeys } from '../test/support/bot-harness';
import { spawnBot } from '../test/support/bot-process';
import { processMemoryMB } from './proc-stats';
import { sendCommand } from './signed-command';

const REQUESTS = Number(process.env.BENCH_FLOOD_REQUESTS ?? 150);
const HOLD_SECONDS = Number(process.env.BENCH_FLOOD_HOLD_SECONDS ?? 20);
const FOUR_MB = 4 * 1024 * 1024;
// The bot's body limit: a forged request may claim up to it and still have its body read.
const LIMIT = DEFAULT_HTTP_LIMITS.bodyLimitBytes;

interface FloodCase {
  name: string;
  claimed: number;
  slackHeaders: boolean;
  /** Sends the body (or part of it) on an open socket; returns a stop for any timer it started. */
  send(socket: net.Socket): () => void;
}

const CASES: FloodCase[] = [
  {
    name: 'unsigned, 4 MB claimed, nearly all sent, then stalled',
    claimed: FOUR_MB,
    slackHeaders: false,
    send: (socket) => {
      socket.write(Buffer.alloc(FOUR_MB - 1, 0x61));
      return () => undefined;
    },
  },
  {
    name: 'unsigned, 4 MB claimed, trickled',
    claimed: FOUR_MB,
    slackHeaders: false,
    send: (socket) => trickle(socket, 1024),
  },
  {
    name: 'forged headers, limit claimed, trickled',
    claimed: LIMIT,
    slackHeaders: true,
    send: (socket) => trickle(socket, 16 * 1024),
  },
];

function trickle(socket: net.Socket, chunk: number): () => void {
  const piece = Buffer.alloc(chunk, 0x61);
  const timer = setInterval(() => socket.writable && socket.write(piece), 100);
  return () => clearInterval(timer);
}

function head(port: number, c: FloodCase): string {
  const ts = Math.floor(Date.now() / 1000);
  const slack = c.slackHeaders
    ? `X-Slack-Request-Timestamp: ${ts}\r\nX-Slack-Signature: v0=${randomBytes(32).toString('hex')}\r\n`
    : '';
  return (
    `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
    `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${c.claimed}\r\n${slack}\r\n`
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runCase(c: FloodCase): Promise<void> {
  const slack = await startFakeSlack();
  const gke = await startGkeFake();
  gke.addCluster(SHOP, loadGkeCluster('standard'));
  const prefix = `bench-flood-${randomBytes(4).toString('hex')}`;
  const bot = await spawnBot(botEnv(slack, gke, { IMAGESTREAM_ROLE: 'web', IMAGESTREAM_REDIS_PREFIX: prefix }));
  const pid = bot.child.pid!;
  const port = Number((await bot.waitForLog((l) => l.message === 'slack endpoint listening on /slack/events')).port);
  const sockets: net.Socket[] = [];
  const stops: Array<() => void> = [];
  let closedByServer = 0;
  const statuses: Record<string, number> = {};
  try {
    // Warm-up: auth.test, the JIT, and a few real commands, so "before" is a bot at work.
    for (let i = 0; i < 50; i++) await sendCommand(port, 'help', 'http://127.0.0.1:9/response/w');
    await sleep(1000);
    const { rssMB: before, hwmMB: hwmBefore } = await processMemoryMB(pid);

    let closing = false;
    for (let i = 0; i < REQUESTS; i++) {
      const socket = net.connect(port, '127.0.0.1');
      sockets.push(socket);
      socket.on('error', () => undefined);
      let seen = '';
      socket.on('data', (d: Buffer) => void (seen.length < 64 && (seen += d.toString('latin1'))));
      socket.on('close', () => {
        const status = /^HTTP\/1\.1 (\d{3})/.exec(seen)?.[1] ?? 'none';
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (!closing) closedByServer += 1;
      });
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      socket.write(head(port, c));
      stops.push(c.send(socket));
    }

    let peak = before;
    const end = Date.now() + HOLD_SECONDS * 1000;
    while (Date.now() < end) {
      peak = Math.max(peak, (await processMemoryMB(pid)).rssMB);
      await sleep(250);
    }
    const closedDuringHold = closedByServer;
    for (const stop of stops) stop();
    closing = true;
    for (const s of sockets) s.destroy();
    await sleep(2000);
    const { rssMB: after, hwmMB } = await processMemoryMB(pid);
    // The bot must still answer a real command after the flood.
    await sendCommand(port, 'help', 'http://127.0.0.1:9/response/a');
    console.log(
      JSON.stringify({
        bench: 'unsigned-flood',
        case: c.name,
        requests: REQUESTS,
        claimedBytes: c.claimed,
        holdSeconds: HOLD_SECONDS,
        unit: 'MB',
        rss: { before, duringPeak: peak, after, hwmBefore, hwm: hwmMB },
        growthMB: peak - before,
        closedByBotDuringHold: closedDuringHold,
        statuses,
        targets: { growthUnder50MB: peak - before < 50 },
      }),
    );
  } finally {
    for (const stop of stops) stop();
    for (const s of sockets) s.destroy();
    await bot.stop();
    await deleteKeys(prefix);
    await slack.close();
    await gke.close();
  }
}

export async function benchUnsignedFlood(): Promise<void> {
  for (const c of CASES) await runCase(c);
}
