import { Fact } from '../facts/fact';
import { CheckFacts, PoolFacts } from '../facts/types';

/**
 * - pass: the requirement holds (or does not apply, and the reason says so);
 * - fail: the image will not be streamed, or the workload breaks;
 * - warn: it streams, with a known risk;
 * - unknown: a fact could not be read (missing permission, API down);
 * - skip: a fact was not given (offline); `settledBy` names the flags that would settle it.
 */
export type RuleStatus = 'pass' | 'fail' | 'warn' | 'unknown' | 'skip';

/** What one rule concluded. */
export interface RuleOutcome {
  status: RuleStatus;
  /** One line: why. */
  reason: string;
  /** When not pass: the gcloud command or console step that fixes it. */
  fix?: string;
  /** When skip: the flags that would give the missing facts. */
  settledBy?: string[];
}

/** Names used in fix commands; placeholders when offline. */
export interface TargetNames {
  cluster: string;
  location: string;
  project: string;
  pool: string;
}

/** What a rule reads: every fact, the node pool under evaluation, and the names for fixes. */
export interface RuleContext {
  facts: CheckFacts;
  pool: PoolFacts;
  names: TargetNames;
}

/** One eligibility rule: an id from docs/image-streaming.md's tables and a pure function of the facts. */
export interface Rule {
  id: string;
  /** 'pool' rules are evaluated once per node pool and merged; 'cluster' rules once. */
  scope: 'cluster' | 'pool';
  /** Informational rules never change the verdict. */
  informational?: boolean;
  evaluate(ctx: RuleContext): RuleOutcome;
}

/** A fact's value, or the outcome a rule gives when the fact is missing or unreadable. */
export type Needed<T> = { ok: true; value: T } | { ok: false; outcome: RuleOutcome };

/**
 * Reads a fact for a rule: absent -> skip naming the flags that would settle it; unreadable ->
 * unknown with the reader's reason (which names the missing permission).
 */
export function need<T>(fact: Fact<T> | undefined, what: string, flags: string[]): Needed<T> {
  if (fact === undefined) {
    return { ok: false, outcome: { status: 'skip', reason: `${what} not known`, settledBy: flags } };
  }
  if (!fact.known) return { ok: false, outcome: { status: 'unknown', reason: `${what}: ${fact.reason}` } };
  return { ok: true, value: fact.value };
}

export const pass = (reason: string): RuleOutcome => ({ status: 'pass', reason });
export const fail = (reason: string, fix: string): RuleOutcome => ({ status: 'fail', reason, fix });
export const warn = (reason: string, fix: string): RuleOutcome => ({ status: 'warn', reason, fix });
export const unknown = (reason: string, fix?: string): RuleOutcome => ({ status: 'unknown', reason, fix });

/** Flags that give the cluster facts from the GKE API. */
export const CLUSTER_FLAGS = ['--cluster', '--location', '--project'];

/** Whether the cluster is Autopilot, when that is known. */
export function isAutopilot(facts: CheckFacts): boolean {
  const f = facts.cluster.autopilot;
  return f !== undefined && f.known && f.value;
}
