import { errorMessage } from '../errors';
import { NOT_CHECKED, NotStreamed, PullsReport } from './pulls-report';

/** What an eligibility check found for an image on a pool: the failing rule and its fix. */
export interface NotStreamedCause {
  /** The rule id of docs/image-streaming.md's tables (`node-image`, `artifact-registry`...); null: none named. */
  rule: string | null;
  reason: string;
  fix: string | null;
}

/**
 * The eligibility check of one image on one pool (null: the pool is not known). The live bot
 * runs `check`'s rules against the registry and GKE; the CLI, offline, only the pool's own rules
 * (offlinePoolCheck). Null: no rule fails.
 */
export type StreamingCheck = (
  image: string,
  pool: string | null,
) => Promise<NotStreamedCause | null> | NotStreamedCause | null;

/**
 * When every rule passes and the image still was not streamed, docs/image-streaming.md's remaining causes:
 * the image not yet imported into the remote filesystem (gcfsd FailedPrecondition, typical when
 * the node already had it), or a first pull showing no benefit.
 */
export const NO_RULE_FAILS =
  'no eligibility rule fails: the image may not have been imported yet (gcfsd FailedPrecondition; wait a few minutes and redeploy) or it was its first pull; see the gcfsd errors (imagestream errors)';

/**
 * "Why wasn't it streamed?": runs the check for every image fully pulled, and never streamed, on
 * a pool where streaming is on (or not known to be off), and writes the failing rule and its fix
 * in place of "eligibility not checked". Pulls served from the cache keep "cached on the node:
 * expected" without a check. One check per image and pool, one at a time (a live check calls
 * Google and the registry); a check that throws says so for that pool only.
 */
export async function explainNotStreamed(report: PullsReport, check: StreamingCheck): Promise<PullsReport> {
  const images = [];
  for (const image of report.images) {
    const notStreamed: NotStreamed[] = [];
    for (const entry of image.notStreamed) {
      notStreamed.push(entry.reason === NOT_CHECKED ? await explainOne(image.image, entry.pool, check) : entry);
    }
    images.push({ ...image, notStreamed });
  }
  return { ...report, images };
}

async function explainOne(image: string, pool: string | null, check: StreamingCheck): Promise<NotStreamed> {
  try {
    const cause = await check(image, pool);
    if (cause === null) return { pool, reason: NO_RULE_FAILS, rule: null, fix: null };
    return { pool, ...cause };
  } catch (err) {
    return { pool, reason: `eligibility check failed: ${errorMessage(err).slice(0, 200)}`, rule: null, fix: null };
  }
}
