import { approvalRequestSchema } from '../../src/approvals/approval-request';
import { SETUP_ALERTS_CLUSTER } from '../../src/approvals/approval-view';
import { replacementPoolName } from '../../src/fixes/replacement-pool';
import { poolNameSchema } from '../../src/gke/cluster-ref';
import { defaultSetupNames } from '../../src/setup-alerts/setup-commands';

// Records in Redis hold names the bot wrote: the one name schema must read every one of them.
describe('names the bot generates fit the one GKE name schema', () => {
  it.each(['a', 'web', 'default-pool', 'a'.repeat(40), `${'a'.repeat(36)}-bcd`, `${'a'.repeat(37)}-b`])(
    'the replacement of %s',
    (pool) => {
      expect(poolNameSchema.safeParse(pool).success).toBe(true);
      const replacement = replacementPoolName(pool);
      expect(poolNameSchema.safeParse(replacement).success).toBe(true);
      expect(replacement.length).toBeLessThanOrEqual(40);
    },
  );

  const base = {
    id: 'C'.repeat(22),
    change: { from: false, to: false, poolsAffected: [], notes: [] },
    requestedBy: 'slack:U012AB3CD',
    conversation: { platform: 'slack', space: 'C0123' },
    createdAt: 1,
    expiresAt: 2,
    state: 'pending',
  };

  it("a setup-alerts request's target (location global, the placeholder cluster)", () => {
    const { topic, subscription, sink } = defaultSetupNames('acme-prod');
    const request = {
      ...base,
      action: 'setup-alerts',
      target: { project: 'acme-prod', location: 'global', cluster: SETUP_ALERTS_CLUSTER },
      params: { topic, subscription, sink },
    };
    expect(approvalRequestSchema.safeParse(request).success).toBe(true);
  });

  it('a replace-pool request for a 40-character pool', () => {
    const pool = 'p'.repeat(40);
    const newPool = replacementPoolName(pool);
    const request = {
      ...base,
      action: 'replace-pool',
      target: { project: 'acme-prod', location: 'us-east1-b', cluster: 'c'.repeat(40), pool },
      params: { newPool },
      change: { ...base.change, poolsAffected: [newPool] },
    };
    expect(approvalRequestSchema.safeParse(request).success).toBe(true);
  });
});
