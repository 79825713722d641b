/**
 * One interaction event as Google Chat sends it to an app's HTTP endpoint (a JSON body with a
 * bearer token, over a socket), for the benchmarks. https://developers.google.com/workspace/chat/verify-requests-from-chat
 */
import http from 'node:http';
import { GOOGLE_CHAT_EVENTS_PATH } from '../../adapters/google-chat';
import { slashCommand } from '../../test/support/google-chat-events';

// Keep-alive sockets, as in bench/signed-command.ts: the client's socket churn stays out of the figures.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** The body of `/imagestream TEXT` in the test space (the event the e2e tests send), serialized once per text. */
export function chatCommandBody(text: string): string {
  return JSON.stringify(slashCommand(text));
}

/** Posts `body` with `Authorization: Bearer TOKEN` to 127.0.0.1:port; resolves once the answer is read, throws unless 200. */
export function sendChatEvent(port: number, body: string, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: GOOGLE_CHAT_EVENTS_PATH,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Google-Dynamite',
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        let answer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (answer += chunk));
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`answer ${res.statusCode}: ${answer.slice(0, 200)}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
