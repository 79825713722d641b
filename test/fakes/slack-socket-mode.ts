/**
 * A fake of Slack's Socket Mode server on 127.0.0.1, speaking the documented protocol to the real
 * @slack/socket-mode client inside Bolt: the Slack API fake's `apps.connections.open` (with the
 * app-level token) answers this server's ws:// URL; on connect it sends `hello`; it then delivers
 * envelopes (`{envelope_id, type, payload, accepts_response_payload}`) and collects the app's
 * acks (`{envelope_id, payload}`).
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { FakeSlack } from './slack-api';

/** The app-level token the fake accepts. */
export const FAKE_APP_TOKEN = 'xapp-1-A00000001-0000000000001-fakeapptoken';

/** The app's answer to one envelope: `payload` is what Slack would show (a slash command's reply). */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/** A running fake. */
export interface FakeSocketMode {
  /** `ws://127.0.0.1:PORT/link/` */
  url: string;
  /** Connections that were greeted with `hello` and are still open. */
  openConnections(): number;
  /** Resolves once an app is connected (now or later); rejects after `timeoutMs`. */
  connected(timeoutMs?: number): Promise<void>;
  /** Delivers an envelope to the connected app and resolves with its ack; rejects after `timeoutMs`. */
  deliver(
    type: 'slash_commands' | 'interactive',
    payload: Record<string, unknown>,
    timeoutMs?: number,
  ): Promise<SocketAck>;
  /** Cuts every open connection, as when Slack restarts a socket server; the app should reconnect. */
  dropConnections(): void;
  close(): Promise<void>;
}

/**
 * Starts the WebSocket server and points `slack`'s `apps.connections.open` at it for `appToken`.
 */
export async function startFakeSocketMode(slack: FakeSlack, appToken = FAKE_APP_TOKEN): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link/`;
  const sockets = new Set<WebSocket>();
  const pendingAcks = new Map<string, (ack: SocketAck) => void>();

  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      let ack: SocketAck;
      try {
        ack = JSON.parse(String(data)) as SocketAck;
      } catch {
        return; // Slack ignores what it cannot parse; the test then times out on the missing ack.
      }
      pendingAcks.get(ack.envelope_id)?.(ack);
    });
    socket.on('close', () => sockets.delete(socket));
    sockets.add(socket);
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: sockets.size,
        debug_info: { host: 'fake-socket-mode', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: 'A00000001' },
      }),
    );
  });
  slack.state.socketMode = { appToken, url };

  const openSocket = (): WebSocket | undefined => [...sockets].find((s) => s.readyState === WebSocket.OPEN);

  return {
    url,
    openConnections: () => [...sockets].filter((s) => s.readyState === WebSocket.OPEN).length,
    async connected(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!openSocket()) {
        if (Date.now() > deadline) throw new Error(`fake Socket Mode: no app connected within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    deliver(type, payload, timeoutMs = 10_000) {
      const socket = openSocket();
      if (!socket) return Promise.reject(new Error('fake Socket Mode: no app connected'));
      const envelopeId = randomUUID();
      return new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pendingAcks.delete(envelopeId);
          reject(new Error(`fake Socket Mode: envelope ${type} not acked within ${timeoutMs} ms`));
        }, timeoutMs);
        pendingAcks.set(envelopeId, (ack) => {
          clearTimeout(timer);
          pendingAcks.delete(envelopeId);
          resolve(ack);
        });
        // As on Slack: a slash command's ack may carry the reply; a block_actions ack carries nothing.
        const accepts = type === 'slash_commands';
        socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: accepts }));
      });
    },
    dropConnections() {
      for (const socket of sockets) socket.terminate();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        delete slack.state.socketMode;
        for (const socket of sockets) socket.terminate();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
