/**
 * Job payloads: one reply target for every platform, and payloads queued in Redis by the version
 * before the chat seam (Slack's own fields) still read, into the current shape.
 */
import { JOB_SCHEMAS, replyToSchema } from '../../src/queue/job-schemas';

const target = { project: 'acme-prod', location: 'us-central1', cluster: 'shop' };
const conversation = { platform: 'slack', space: 'C0OPS0001', replyHandle: 'https://hooks.slack.com/commands/T1/1/x' };

it('reads a reply target queued before the chat seam as a conversation and a principal', () => {
  const legacy = { responseUrl: conversation.replyHandle, userId: 'U0REQUEST1', channelId: 'C0OPS0001' };
  expect(JOB_SCHEMAS.status.parse({ replyTo: legacy, target })).toEqual({
    replyTo: { conversation, requester: 'slack:U0REQUEST1' },
    target,
  });
});

it('keeps a current reply target as it is, for any platform', () => {
  const replyTo = { conversation: { platform: 'text', space: 'ops-room' }, requester: 'text:alice' };
  expect(replyToSchema.parse(replyTo)).toEqual(replyTo);
});

it('names the field of a reply target it refuses', () => {
  const noChannel = JOB_SCHEMAS.status.safeParse({
    replyTo: { conversation: { platform: 'slack', replyHandle: conversation.replyHandle }, requester: 'slack:U1X' },
    target,
  });
  expect(noChannel.success || noChannel.error.issues[0]!.path.join('.')).toBe('replyTo.conversation.space');
  const oddUser = JOB_SCHEMAS.status.safeParse({
    replyTo: { responseUrl: conversation.replyHandle, userId: 'bot:someone', channelId: 'C0OPS0001' },
    target,
  });
  expect(oddUser.success || oddUser.error.issues[0]!.path.join('.')).toBe('replyTo.requester');
});

it('checks a job target with the one cluster-target schema', () => {
  const replyTo = { conversation, requester: 'slack:U0REQUEST1' };
  expect(JOB_SCHEMAS.status.safeParse({ replyTo, target: { ...target, cluster: 'Shop_1' } }).success).toBe(false);
  expect(
    JOB_SCHEMAS.errors.safeParse({ replyTo, target: { project: 'acme-prod', cluster: 'shop' }, since: '1h' }).success,
  ).toBe(true);
});

it('carries a reply as a document with a visibility', () => {
  const replyTo = { conversation, requester: 'slack:U0REQUEST1' };
  const message = { summary: [{ kind: 'text', text: 'hello' }], blocks: [] };
  expect(JOB_SCHEMAS.reply.parse({ replyTo, message, visibility: 'public' })).toMatchObject({
    message,
    visibility: 'public',
  });
  expect(JOB_SCHEMAS.reply.safeParse({ replyTo, message: { text: 'hi', blocks: [] } }).success).toBe(false);
});
