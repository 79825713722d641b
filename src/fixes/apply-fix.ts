import type { container_v1 } from 'googleapis/build/src/apis/container';
import type { ApprovalRequest } from '../approvals/approval-request';
import type { QuotaIncreaseParams, ReplacePoolParams, UpgradePoolParams } from '../approvals/fix-params';
import { STREAMING_SCOPE } from '../classifier/class-advice';
import { RemoteError } from '../errors';
import type { ApplyOptions } from '../gke/apply-options';
import { getNodePool } from '../gke/get-node-pool';
import { GkeError } from '../gke/gke-error';
import { isAtLeast, parseGkeVersion, tryParseGkeVersion } from '../versions/gke-version';
import { QuotasApi, requestQuotaIncrease } from './quota-increase';
import { createReplacementPool } from './replacement-pool';
import { upgradePool } from './upgrade-pool';

/** What the fixes need: the GKE client, the Cloud Quotas client (quota increases), and pacing. */
export interface FixDeps {
  container: container_v1.Container;
  quotas?: QuotasApi;
}

/** The actions applyFix runs; enable, disable and disable-pool are streaming changes (jobs/apply.ts). */
export type FixAction = 'replace-pool' | 'upgrade-pool' | 'quota-increase';

/** True for the actions applyFix runs. */
export function isFixAction(action: ApprovalRequest['action']): action is FixAction {
  return action === 'replace-pool' || action === 'upgrade-pool' || action === 'quota-increase';
}

/**
 * Runs an approved fix and returns the result line, after re-reading what it changed. Each is
 * idempotent, so a retried or resumed job does not change anything twice: the replacement pool is
 * created only when absent, the upgrade sent only while the pool is below the version, and the
 * quota preference has a fixed id. `options.onProgress` sees each operation as GKE names it.
 */
export async function applyFix(request: ApprovalRequest, deps: FixDeps, options: ApplyOptions = {}): Promise<string> {
  const { pool, ...ref } = request.target;
  switch (request.action) {
    case 'replace-pool': {
      const { newPool } = request.params as ReplacePoolParams;
      const created = await createReplacementPool(deps.container, ref, pool!, options);
      if (created.newPool !== newPool) {
        throw new GkeError('other', `the replacement was named ${created.newPool}, not ${newPool} as approved`);
      }
      const reread = await getNodePool(deps.container, ref, newPool);
      const scoped = reread?.config?.oauthScopes?.includes(STREAMING_SCOPE) === true;
      if (!reread || !scoped || reread.config?.gcfsConfig?.enabled !== true) {
        throw new GkeError(
          'other',
          `the operation finished but node pool ${newPool} does not read as a streaming pool with the scope`,
        );
      }
      return `done: node pool ${newPool} created as a copy of ${pool} with scope ${STREAMING_SCOPE} and image streaming on (re-read). Now move the workloads: cordon and drain the nodes of ${pool}, then delete it.`;
    }
    case 'upgrade-pool': {
      const { version } = request.params as UpgradePoolParams;
      const target = parseGkeVersion(version);
      const before = tryParseGkeVersion((await getNodePool(deps.container, ref, pool!))?.version);
      if (!before || !isAtLeast(before, target)) await upgradePool(deps.container, ref, pool!, version, options);
      const after = (await getNodePool(deps.container, ref, pool!))?.version ?? null;
      const now = tryParseGkeVersion(after);
      if (!now || !isAtLeast(now, target)) {
        throw new GkeError(
          'other',
          `the operation finished but node pool ${pool} reads version ${after ?? 'unknown'}, not ${version}`,
        );
      }
      return `done: node pool ${pool} runs GKE ${now.raw} (re-read), which has the symlink rename fix`;
    }
    case 'quota-increase': {
      if (!deps.quotas) throw new RemoteError('the Cloud Quotas client is not configured on this worker');
      const params = request.params as QuotaIncreaseParams;
      const sent = await requestQuotaIncrease(deps.quotas, { project: ref.project, ...params });
      const lines = sent.map((q) => `${q.quotaId} ${q.from} → ${q.to} (${q.preference})`);
      return `done: quota preferences sent to Cloud Quotas, which reviews them: ${lines.join('; ')}`;
    }
    default:
      throw new RemoteError(`${request.action} is not a fix this job runs`);
  }
}
