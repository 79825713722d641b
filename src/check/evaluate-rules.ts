import { CheckFacts, PoolFacts } from '../facts/types';
import { RULES } from '../rules';
import { Rule, RuleOutcome, RuleStatus, TargetNames } from '../rules/rule';

/** One rule's line in the report (the CLI's JSON contract: id, status, reason, fix). */
export interface RuleResult {
  id: string;
  status: RuleStatus;
  reason: string;
  fix: string | null;
  /** When skip: flags that would settle it. */
  settledBy?: string[];
  informational?: boolean;
}

export type Verdict = 'eligible' | 'not_eligible' | 'unknown';

/** The whole eligibility answer for one image on one cluster (or set of node facts). */
export interface CheckReport {
  image: string;
  verdict: Verdict;
  rules: RuleResult[];
  /** Things the user should know about how facts were read (platform picked, sources). */
  notes: string[];
}

// Worst first: a pool that fails outweighs one that cannot be read, which outweighs a warning.
const SEVERITY: Record<RuleStatus, number> = { fail: 4, unknown: 3, warn: 2, skip: 1, pass: 0 };

/**
 * Runs every rule. Pool rules run once per node pool; their results merge into the worst status,
 * each reason prefixed with its pool when the pools disagree.
 */
export function evaluateRules(facts: CheckFacts, rules: readonly Rule[] = RULES): CheckReport {
  const pools: PoolFacts[] = facts.pools.length > 0 ? facts.pools : [{}];
  const results = rules.map((rule) => {
    const perPool = rule.scope === 'pool' ? pools : [pools[0]!];
    const outcomes = perPool.map((pool) => ({
      pool,
      outcome: rule.evaluate({ facts, pool, names: namesFor(facts, pool) }),
    }));
    return toResult(rule, mergeOutcomes(outcomes));
  });
  const notes: string[] = [];
  if (facts.manifest?.known && facts.manifest.value.platformNote) notes.push(facts.manifest.value.platformNote);
  return { image: facts.image.raw, verdict: verdictOf(results), rules: results, notes };
}

/** eligible when no rule fails; unknown when none fails but one that matters could not be read. */
export function verdictOf(results: RuleResult[]): Verdict {
  const deciding = results.filter((r) => !r.informational);
  if (deciding.some((r) => r.status === 'fail')) return 'not_eligible';
  if (deciding.some((r) => r.status === 'unknown')) return 'unknown';
  return 'eligible';
}

function namesFor(facts: CheckFacts, pool: PoolFacts): TargetNames {
  return {
    cluster: facts.cluster.name ?? 'CLUSTER',
    location: facts.cluster.location ?? 'LOCATION',
    project: facts.cluster.project ?? 'PROJECT',
    pool: pool.name ?? 'POOL',
  };
}

function mergeOutcomes(outcomes: Array<{ pool: PoolFacts; outcome: RuleOutcome }>): RuleOutcome {
  if (outcomes.length === 1) return outcomes[0]!.outcome;
  const worst = Math.max(...outcomes.map((o) => SEVERITY[o.outcome.status]));
  const chosen = outcomes.filter((o) => SEVERITY[o.outcome.status] === worst);
  const allSame = new Set(outcomes.map((o) => `${o.outcome.status}\u0000${o.outcome.reason}`)).size === 1;
  const first = chosen[0]!.outcome;
  if (allSame) return first;
  const reason = chosen.map((o) => `pool ${o.pool.name ?? '?'}: ${o.outcome.reason}`).join('; ');
  const others = outcomes.filter((o) => !chosen.includes(o)).map((o) => `${o.pool.name ?? '?'} ${o.outcome.status}`);
  return { ...first, reason: others.length > 0 ? `${reason} (other pools: ${others.join(', ')})` : reason };
}

function toResult(rule: Rule, outcome: RuleOutcome): RuleResult {
  const result: RuleResult = { id: rule.id, status: outcome.status, reason: outcome.reason, fix: outcome.fix ?? null };
  if (outcome.status === 'pass') result.fix = null;
  if (outcome.settledBy) result.settledBy = outcome.settledBy;
  if (rule.informational) result.informational = true;
  return result;
}

/** Rules that give the same reason and fix (one unreadable manifest, say), to be shown once. */
export function groupSameAnswer(rules: RuleResult[]): Array<{ ids: string[]; reason: string; fix: string | null }> {
  const groups = new Map<string, { ids: string[]; reason: string; fix: string | null }>();
  for (const r of rules) {
    const key = `${r.reason}\u0000${r.fix ?? ''}`;
    const group = groups.get(key);
    if (group) group.ids.push(r.id);
    else groups.set(key, { ids: [r.id], reason: r.reason, fix: r.fix });
  }
  return [...groups.values()];
}
