import { approvalIdSchema, approvalRequestSchema, newApprovalId } from '../../src/approvals/approval-request';

describe('approval ids', () => {
  it('are 128-bit base64url strings that the id schema accepts, and never repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, newApprovalId));
    expect(ids.size).toBe(1000);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
      expect(approvalIdSchema.safeParse(id).success).toBe(true);
    }
  });

  it('the schema refuses anything that could escape a key prefix', () => {
    for (const bad of ['../x', '*', 'a'.repeat(10240), '', 'abc', `${'a'.repeat(21)}:`, `${'a'.repeat(21)}*`]) {
      expect(approvalIdSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('approvalRequestSchema', () => {
  const valid = {
    id: 'A'.repeat(22),
    action: 'disable',
    target: { project: 'acme-prod', location: 'us-east1-b', cluster: 'prod-1' },
    change: { from: true, to: false, poolsAffected: ['default-pool', 'web'], notes: [] },
    requestedBy: 'slack:U012AB3CD',
    conversation: { platform: 'slack', space: 'C0123' },
    createdAt: 1,
    expiresAt: 2,
    state: 'pending',
  };

  it('accepts a request as the store writes it', () => {
    expect(approvalRequestSchema.parse(valid)).toEqual(valid);
  });

  it('refuses unknown states, odd target names and non-Slack ids', () => {
    expect(approvalRequestSchema.safeParse({ ...valid, state: 'approvedd' }).success).toBe(false);
    expect(approvalRequestSchema.safeParse({ ...valid, target: { ...valid.target, cluster: 'a/../b' } }).success).toBe(
      false,
    );
    expect(approvalRequestSchema.safeParse({ ...valid, requestedBy: '<!channel>' }).success).toBe(false);
  });
});

describe('approvalRequestSchema on records written before the chat seam', () => {
  // As the previous version stored it: bare Slack user ids, the Slack channel and message ts.
  const old = {
    id: 'B'.repeat(22),
    action: 'enable',
    target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1', pool: 'web' },
    change: { from: false, to: true, poolsAffected: ['web'], notes: [] },
    requestedBy: 'U012AB3CD',
    channel: 'C0123',
    messageTs: '1700000000.000100',
    createdAt: 1,
    expiresAt: 2,
    state: 'approved',
    decidedBy: 'W0APPROVER',
    decidedAt: 2,
  };

  it('reads the Slack fields as principal ids and conversation and message references', () => {
    const { channel: _channel, messageTs: _ts, ...rest } = old;
    expect(approvalRequestSchema.parse(old)).toEqual({
      ...rest,
      requestedBy: 'slack:U012AB3CD',
      decidedBy: 'slack:W0APPROVER',
      conversation: { platform: 'slack', space: 'C0123' },
      message: { platform: 'slack', space: 'C0123', message: '1700000000.000100' },
    });
  });

  it('reads one not yet posted (no messageTs) without a message reference', () => {
    const { messageTs: _ts, ...unposted } = old;
    const parsed = approvalRequestSchema.parse(unposted);
    expect(parsed.conversation).toEqual({ platform: 'slack', space: 'C0123' });
    expect(parsed.message).toBeUndefined();
  });

  it('still refuses markup where an id belongs', () => {
    expect(approvalRequestSchema.safeParse({ ...old, requestedBy: '<!channel>' }).success).toBe(false);
    expect(approvalRequestSchema.safeParse({ ...old, channel: '<!here>' }).success).toBe(false);
  });

  it('refuses a message on another platform than the conversation', () => {
    const parsed = approvalRequestSchema.safeParse({
      ...old,
      messageTs: undefined,
      message: { platform: 'gchat', space: 'spaces/AAA', message: 'spaces/AAA/messages/1' },
    });
    expect(parsed.success).toBe(false);
  });
});
