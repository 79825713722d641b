/**
 * The load generator's thread (see load-generator.ts): sends signed slash commands (or Google Chat
 * events with a bearer token), a fixed number in flight, and reports when each was sent and how
 * long its ack took.
 */
import { parentPort } from 'node:worker_threads';
import type { LoadRequest, LoadResult } from './load-generator';
import { runPool } from './pool';
import { chatCommandBody, sendChatEvent } from './google-chat/chat-event-request';
import { sendCommand } from './signed-command';

// Epoch ms with sub-ms precision: comparable with the Slack fake's `at` in the main thread.
const epochNow = () => performance.timeOrigin + performance.now();

parentPort!.on('message', (req: LoadRequest) => {
  const ackMs = new Array<number>(req.count);
  const sentAt = new Array<number>(req.count);
  // Chat's bodies are built before the clock starts, once per text.
  const chatBodies = req.chatToken ? req.texts.map(chatCommandBody) : [];
  const send = (i: number) =>
    req.chatToken
      ? sendChatEvent(req.port, chatBodies[i % chatBodies.length]!, req.chatToken)
      : sendCommand(req.port, req.texts[i % req.texts.length]!, `${req.responseUrlPrefix}${req.tag}${i}`);
  runPool(req.count, req.inFlight, async (i) => {
    sentAt[i] = epochNow();
    await send(i);
    ackMs[i] = epochNow() - sentAt[i]!;
  }).then(
    () => parentPort!.postMessage({ id: req.id, ackMs, sentAt } satisfies LoadResult),
    (err: unknown) => parentPort!.postMessage({ id: req.id, error: String(err) } satisfies LoadResult),
  );
});
