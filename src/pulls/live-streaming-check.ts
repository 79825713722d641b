import type { AccessScope } from '../access/access-scope';
import { evaluateRules } from '../check/evaluate-rules';
import { GatherDeps, gatherFacts } from '../check/gather-facts';
import type { ClusterTarget } from '../google/cluster-target';
import { imageProjectOf } from '../images/image-project';
import { parseImageRef } from '../images/image-ref';
import type { NotStreamedCause, StreamingCheck } from './explain-not-streamed';

/** What the live check needs: `check`'s gathering (Google clients, registry) and the access scope. */
export interface LiveCheckDeps {
  gather: GatherDeps;
  scope: AccessScope;
}

/**
 * The bot's answer to "why wasn't it streamed?": `/imagestream check IMAGE --cluster C --pool P`
 * itself (gatherFacts + evaluateRules, the same rules, reasons and fixes), for the image on the
 * pool where it was fully pulled; the first rule that fails is the answer. A pool that is not
 * known is checked against all of the cluster's pools, as `check` does without --pool.
 *
 * The image comes from the cluster's events, not from a user, but it is read with the bot's
 * credentials all the same: its project must pass the access scope, as `check`'s does
 * (targetsOfJob('check')), or nothing is read and the reason says so.
 */
export function liveStreamingCheck(target: Omit<ClusterTarget, 'pool'>, deps: LiveCheckDeps): StreamingCheck {
  return async (image, pool) => {
    const ref = parseImageRef(image);
    const imageProject = imageProjectOf(ref);
    if (imageProject !== undefined) {
      const refused = deps.scope.refusal({
        project: imageProject ?? '',
        what: imageProject ? `project ${imageProject}` : 'the project of the image',
      });
      if (refused !== undefined) {
        return {
          rule: null,
          reason: `not checked: the image's project is outside the bot's scope (${refused})`,
          fix: null,
        };
      }
    }
    const facts = await gatherFacts(
      {
        image,
        cluster: target.cluster,
        location: target.location,
        project: target.project,
        ...(pool !== null ? { pool } : {}),
        // As a chat `check`: no file flags, the registry always read.
        registry: true,
      },
      deps.gather,
    );
    return causeOf(evaluateRules(facts).rules);
  };
}

/**
 * The first failing rule (report order: requirements, then limitations). None failing: null
 * (explainNotStreamed says what remains), unless a rule could not be read, which is said rather
 * than hidden behind "no rule fails". Informational rules (first pull, many files) never decide.
 */
function causeOf(rules: ReturnType<typeof evaluateRules>['rules']): NotStreamedCause | null {
  const deciding = rules.filter((r) => !r.informational);
  const failed = deciding.find((r) => r.status === 'fail');
  if (failed) return { rule: failed.id, reason: failed.reason, fix: failed.fix };
  const unknown = deciding.filter((r) => r.status === 'unknown');
  if (unknown.length === 0) return null;
  return {
    rule: null,
    reason: `no rule fails, but the check could not settle ${unknown.map((r) => r.id).join(', ')}: ${unknown[0]!.reason}`,
    fix: null,
  };
}
