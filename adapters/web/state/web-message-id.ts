import { randomBytes } from 'node:crypto';

// `m-<run>-<n>`: the run tag differs per process, so an id an earlier run stored in Redis (an
// alert's message) never names a message of this one, whose conversation starts empty.
const MESSAGE_ID = /^m-[0-9a-f]{8}-[1-9][0-9]{0,15}$/;

/** The ids of one conversation: `m-<run>-1`, `m-<run>-2`, ... */
export function messageIds(): () => string {
  const run = randomBytes(4).toString('hex');
  let issued = 0;
  return () => `m-${run}-${(issued += 1)}`;
}

/** Whether `id` has the shape of a message id this adapter issues (any run). */
export function isWebMessageId(id: string): boolean {
  return MESSAGE_ID.test(id);
}
