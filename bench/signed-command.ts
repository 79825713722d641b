/** One slash command as Slack sends it (signed, form-encoded, over a socket), for the benchmarks. */
import http from 'node:http';
import { SIGNING_SECRET } from '../test/support/bot-harness';
import { signSlackRequest, slashCommandBody } from '../test/support/slack-sign';

// Keep-alive sockets, as Slack's own senders reuse connections; without it every request pays a
// TCP handshake and the client's socket churn lands in the figures.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** Posts `/imagestream TEXT` to a Bolt app on 127.0.0.1:port; resolves once the ack is read, throws unless 200. */
export function sendCommand(port: number, text: string, responseUrl: string): Promise<void> {
  const body = slashCommandBody({ text, response_url: responseUrl });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          ...signSlackRequest(SIGNING_SECRET, body),
        },
      },
      (res) => {
        let ack = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (ack += chunk));
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`ack ${res.statusCode}: ${ack.slice(0, 200)}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
