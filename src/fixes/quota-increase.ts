import type { CloudQuotasClient, protos } from '@google-cloud/cloudquotas';
import { z } from 'zod';
import { RemoteError, UsageError } from '../errors';
import { CONTENT_QUOTAS } from '../classifier/class-advice';
import { apiErrorReason, httpStatusOf } from '../google/api-error-reason';
import { projectIdSchema } from '../google/cluster-target';
import { parseOr } from '../validation/parse-or';

type QuotaInfo = protos.google.api.cloudquotas.v1.IQuotaInfo;

export { createQuotasClient } from './create-quotas-client';

/** The Container File System API, whose content-request quotas gcfsd runs into (docs/image-streaming.md). */
export const CONTAINERFILESYSTEM_SERVICE = 'containerfilesystem.googleapis.com';

/** The Cloud Quotas calls a quota increase makes (a CloudQuotasClient fits). */
export type QuotasApi = Pick<CloudQuotasClient, 'listQuotaInfos' | 'createQuotaPreference' | 'getQuotaPreference'>;

/** What to ask for: `multiple` times the current value of each content-request quota in `region`. */
export interface QuotaIncreaseInput {
  project: string;
  region: string;
  /** Greater than 1, at most 100. */
  multiple: number;
  justification: string;
  contactEmail?: string;
}

/** One quota preference sent (or found already sent by an earlier run). */
export interface QuotaIncrease {
  quotaId: string;
  from: number;
  to: number;
  /** The preference's resource name. */
  preference: string;
}

/** Validates a quota increase request (it crossed Redis, or came from a button). */
export const quotaIncreaseInputSchema = z.object({
  project: projectIdSchema,
  region: z.string().regex(/^[a-z]+-[a-z]+\d+$/, 'must be a region like us-east1'),
  multiple: z.number().gt(1).max(100),
  justification: z.string().trim().min(1).max(1000),
  contactEmail: z.string().email().max(254).optional(),
});

/**
 * Asks Cloud Quotas for more of the two content-request quotas (docs/image-streaming.md, Quota row): finds them
 * with listQuotaInfos on containerfilesystem.googleapis.com by display name, reads the value in
 * effect in the region, and creates a QuotaPreference `{service, quotaId, dimensions:{region},
 * quotaConfig:{preferredValue}, justification, contactEmail}`. The preference id is derived from
 * quota and region, so a retried job finds its own preference (409) instead of asking twice.
 */
export async function requestQuotaIncrease(client: QuotasApi, input: QuotaIncreaseInput): Promise<QuotaIncrease[]> {
  const { project, region, multiple, justification, contactEmail } = parseOr(
    quotaIncreaseInputSchema,
    input,
    (issue) => new UsageError(`invalid quota increase: ${issue.path.join('.')}: ${issue.message}`),
  );
  const parent = `projects/${project}/locations/global/services/${CONTAINERFILESYSTEM_SERVICE}`;
  let infos: QuotaInfo[];
  try {
    [infos] = await client.listQuotaInfos({ parent });
  } catch (err) {
    throw quotasError(err, 'cloudquotas.quotas.get', parent);
  }
  const wanted = infos.filter((q) => (CONTENT_QUOTAS as readonly string[]).includes(q.quotaDisplayName ?? ''));
  if (wanted.length === 0) {
    throw new RemoteError(
      `Cloud Quotas lists no quota named "${CONTENT_QUOTAS.join('" or "')}" for ${CONTAINERFILESYSTEM_SERVICE} in project ${project}; raise it in the console`,
    );
  }
  const results: QuotaIncrease[] = [];
  for (const info of wanted) {
    const quotaId = info.quotaId ?? '';
    if (info.isFixed || info.quotaIncreaseEligibility?.isEligible === false) {
      throw new RemoteError(
        `quota ${quotaId} of project ${project} cannot be increased (Cloud Quotas says it is not eligible)`,
      );
    }
    const from = currentValue(info, region);
    if (from === undefined) throw new RemoteError(`Cloud Quotas gives no value of quota ${quotaId} in ${region}`);
    const to = Math.ceil(from * multiple);
    const parentLocation = `projects/${project}/locations/global`;
    const id = preferenceId(quotaId, region);
    const name = `${parentLocation}/quotaPreferences/${id}`;
    try {
      const [created] = await client.createQuotaPreference({
        parent: parentLocation,
        quotaPreferenceId: id,
        quotaPreference: {
          service: CONTAINERFILESYSTEM_SERVICE,
          quotaId,
          dimensions: { region },
          quotaConfig: { preferredValue: to },
          justification,
          ...(contactEmail ? { contactEmail } : {}),
        },
      });
      results.push({ quotaId, from, to, preference: created.name || name });
    } catch (err) {
      if (httpStatusOf(err) !== 409 && (err as { code?: unknown }).code !== 6) {
        throw quotasError(err, 'cloudquotas.quotas.update', parentLocation);
      }
      // Already asked (a retried job, or an earlier alert): report what stands.
      const [existing] = await client.getQuotaPreference({ name }).catch((e: unknown) => {
        throw quotasError(e, 'cloudquotas.quotas.get', name);
      });
      results.push({ quotaId, from, to: Number(existing.quotaConfig?.preferredValue ?? to), preference: name });
    }
  }
  return results;
}

/** The value in effect in `region`: its own dimension entry, else the default (empty dimensions). */
function currentValue(info: QuotaInfo, region: string): number | undefined {
  const entries = info.dimensionsInfos ?? [];
  const own = entries.find((d) => d.dimensions?.region === region);
  const fallback = entries.find(
    (d) =>
      Object.keys(d.dimensions ?? {}).length === 0 &&
      ((d.applicableLocations ?? []).length === 0 || d.applicableLocations!.includes(region)),
  );
  const value = Number((own ?? fallback)?.details?.value ?? NaN);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** `imagestream-REGION-QUOTA`, lowercased and cut to the 63 characters a resource id may have. */
function preferenceId(quotaId: string, region: string): string {
  const slug = `imagestream-${region}-${quotaId}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  return slug.slice(0, 63).replace(/-+$/, '');
}

function quotasError(err: unknown, permission: string, resource: string): RemoteError {
  const status = httpStatusOf(err);
  const reason = apiErrorReason(err, {
    api: 'Cloud Quotas API',
    permission,
    resource,
    notFound: `${resource} not found (is the Cloud Quotas API enabled?)`,
  });
  return new RemoteError(`could not request a quota increase: ${reason}`, status);
}
