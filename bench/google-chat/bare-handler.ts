/**
 * The Chat ack bench's baseline, run as its own process like the bot: a bare node:http handler for
 * POST /google-chat/events that verifies the bearer token with the same google-auth-library call
 * the bot makes (OAuth2Client.verifySignedJwtWithCertsAsync, the project-number rule: issuer
 * chat@system.gserviceaccount.com, audience the project number), against certificates fetched once
 * at start, reads and parses the JSON body, and answers `{}` (or 401). Given a Redis prefix, it
 * first adds one BullMQ job, the one Redis round trip the bot makes before a queued command's answer.
 * Prints `port N`; exits when stdin closes.
 * Usage: node --require tsx/cjs bench/google-chat/bare-handler.ts CERTS_URL AUDIENCE [REDIS_PREFIX]
 */
import { Queue } from 'bullmq';
import { OAuth2Client } from 'google-auth-library';
import { Redis } from 'ioredis';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHAT_ISSUER } from '../../test/support/google-chat-sign';

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

async function main(): Promise<void> {
  const [certsUrl, audience, redisPrefix] = process.argv.slice(2);
  const certs = (await (await fetch(certsUrl!)).json()) as Record<string, string>;
  const client = new OAuth2Client();
  const queue = redisPrefix
    ? new Queue('jobs', { connection: new Redis({ maxRetriesPerRequest: 1 }), prefix: redisPrefix })
    : undefined;
  const server = http.createServer((req, res) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    client
      .verifySignedJwtWithCertsAsync(token, certs, audience, [CHAT_ISSUER])
      .then(
        async () => {
          const event = JSON.parse(await readBody(req)) as { message?: { argumentText?: string } };
          if (queue) await queue.add('status', { text: event.message?.argumentText ?? '' }, { removeOnComplete: true });
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{}');
        },
        () => void res.writeHead(401).end(),
      )
      .catch(() => void res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    server.close();
    void (queue?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  });
}

main().catch((err) => {
  process.stderr.write(`bare chat handler: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
