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
    requestedBy: 'U012AB3CD',
    channel: 'C0123',
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
