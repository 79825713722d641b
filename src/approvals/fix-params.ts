import { z } from 'zod';
import { GKE_NAME_RE } from '../google/cluster-target';

/** What an approval request asks for: streaming on/off (issue 3), or one of the alert fixes (issue 4). */
export type ApprovalAction =
  'enable' | 'disable' | 'replace-pool' | 'upgrade-pool' | 'disable-pool' | 'quota-increase' | 'setup-alerts';

/** Every action, for schemas. */
export const APPROVAL_ACTIONS = [
  'enable',
  'disable',
  'replace-pool',
  'upgrade-pool',
  'disable-pool',
  'quota-increase',
  'setup-alerts',
] as const;

/** replace-pool: the new pool's name (the pool copied is `target.pool`). */
export interface ReplacePoolParams {
  newPool: string;
}
/** upgrade-pool: the version to upgrade `target.pool` to, and the version it had when requested. */
export interface UpgradePoolParams {
  version: string;
  fromVersion?: string;
}
/** quota-increase: the region, the factor over the current values, and what Cloud Quotas is told. */
export interface QuotaIncreaseParams {
  region: string;
  multiple: number;
  justification: string;
  contactEmail?: string;
}

/** setup-alerts: what is created (or reused) in `target.project`. */
export interface SetupAlertsParams {
  topic: string;
  subscription: string;
  sink: string;
}

/** The parameters of a fix; enable/disable (and disable-pool) carry none. */
export type FixParams = ReplacePoolParams | UpgradePoolParams | QuotaIncreaseParams | SetupAlertsParams;

const poolName = z.string().regex(GKE_NAME_RE, 'must be a node pool name');
// Pub/Sub topic/subscription and sink ids: letters first, then letters, digits and - _ . (no Slack markup).
const resourceId = z.string().regex(/^[A-Za-z][A-Za-z0-9._-]{2,99}$/, 'must be a Pub/Sub or sink id');
const gkeVersion = z.string().regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}-gke\.\d{1,12}$/, 'must be a GKE version');

/** Per action, the schema of `params` (undefined: the action takes none). */
export const FIX_PARAMS_SCHEMAS = {
  'replace-pool': z.object({ newPool: poolName }).strict(),
  'upgrade-pool': z.object({ version: gkeVersion, fromVersion: z.string().max(64).optional() }).strict(),
  'quota-increase': z
    .object({
      region: z.string().regex(/^[a-z]+-[a-z]+\d+$/, 'must be a region like us-east1'),
      multiple: z.number().gt(1).max(100),
      justification: z.string().trim().min(1).max(1000),
      contactEmail: z.string().email().max(254).optional(),
    })
    .strict(),
  'setup-alerts': z.object({ topic: resourceId, subscription: resourceId, sink: resourceId }).strict(),
} as const;

/** Actions that act on one node pool: `target.pool` is required. */
export const POOL_ACTIONS: readonly ApprovalAction[] = ['replace-pool', 'upgrade-pool', 'disable-pool'];

/** What is wrong with the params (and pool) of a request for `action`; undefined when they fit. */
export function fixParamsProblem(
  action: ApprovalAction,
  params: unknown,
  target: { pool?: string },
): { path: string; message: string } | undefined {
  if (POOL_ACTIONS.includes(action) && target.pool === undefined) {
    return { path: 'target.pool', message: `${action} needs a node pool` };
  }
  const schema = (FIX_PARAMS_SCHEMAS as Record<string, z.ZodType | undefined>)[action];
  if (!schema) {
    return params === undefined ? undefined : { path: 'params', message: `${action} takes no parameters` };
  }
  const parsed = schema.safeParse(params);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return { path: ['params', ...issue.path].join('.'), message: issue.message };
}
