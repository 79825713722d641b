/**
 * The real bot in-process with the web chat plugged in (no Slack, no Google Chat), against the GKE
 * fake, and the calls a browser makes to it: JSON over HTTP and an SSE stream.
 */
import http from 'node:http';
import { type WebChat, type WebMessage, createWebChat } from '../../../adapters/web';
import { type RunningBot, startBot } from '../../../src/app/start-bot';
import { loadBotConfig } from '../../../src/config';
import { createLogger } from '../../../src/logging/logger';
import { type GkeFake, startGkeFake } from '../../fakes/gke-api';
import type { FakeSlack } from '../../fakes/slack-api';
import { loadGkeCluster } from '../../gke/gke-test-setup';
import { SHOP, botEnv, deleteKeys } from '../../support/bot-harness';

export interface WebChatRig {
  gke: GkeFake;
  chat: WebChat;
  bot: RunningBot;
  port: number;
  get(path: string): Promise<{ status: number; text: string; json: any }>;
  post(path: string, body: unknown): Promise<{ status: number; text: string; json: any }>;
  stream(user: string): Promise<SseStream>;
  stop(): Promise<void>;
}

/** An open /playground/stream: the `message` events received so far. */
export interface SseStream {
  messages: WebMessage[];
  close(): void;
}

// botEnv's Slack keys are dropped: nothing of Slack is configured, so its fake is never started.
const NO_SLACK = { apiUrl: 'http://127.0.0.1:9/', responseUrlPrefix: 'http://127.0.0.1:9/' } as FakeSlack;

export async function startWebChatRig(): Promise<WebChatRig> {
  const gke = await startGkeFake({ pendingPolls: 1, runningPolls: 2 });
  gke.addCluster(SHOP, loadGkeCluster('standard'));
  const env = botEnv(NO_SLACK, gke);
  for (const key of Object.keys(env)) if (key.startsWith('SLACK_')) delete env[key];
  // Slack user ids: this bot's approvers are the web chat's own (bob).
  delete env.IMAGESTREAM_APPROVERS;
  const config = loadBotConfig(env, { pluggedPlatform: true });
  const chat = createWebChat({ perSpaceIntervalMs: 20 });
  const bot = await startBot(config, createLogger({ level: 'silent' }), {
    plugins: [chat.plugin],
    applyOptions: { maxDelayMs: 100 },
    pubsubEndpoint: 'http://127.0.0.1:9/',
  });
  const port = bot.port!;
  const streams = new Set<SseStream>();
  return {
    gke,
    chat,
    bot,
    port,
    get: (path) => call(port, 'GET', path),
    post: (path, body) => call(port, 'POST', path, typeof body === 'string' ? body : JSON.stringify(body)),
    async stream(user) {
      const stream = await openStream(port, user);
      streams.add(stream);
      return stream;
    },
    async stop() {
      for (const stream of streams) stream.close();
      await bot.stop();
      await deleteKeys(config.IMAGESTREAM_REDIS_PREFIX);
      await gke.close();
    },
  };
}

function call(port: number, method: string, path: string, body?: string) {
  return fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}),
  }).then(async (res) => {
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  });
}

/** Opens the stream and resolves once its headers are in (from then on no event is missed). */
function openStream(port: number, user: string): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: `/playground/stream?user=${user}` }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      const messages: WebMessage[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = event.split('\n');
          if (!lines.includes('event: message')) continue;
          const data = lines.find((l) => l.startsWith('data: '));
          if (data) messages.push(JSON.parse(data.slice('data: '.length)));
        }
      });
      res.on('error', () => undefined);
      resolve({ messages, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}
