import { evaluateRules, RuleResult } from '../../src/check/evaluate-rules';
import { CheckFacts } from '../../src/facts/types';

/** The result of one rule over the facts (through the real engine, pools merged). */
export function ruleOf(facts: CheckFacts, id: string): RuleResult {
  const found = evaluateRules(facts).rules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}
