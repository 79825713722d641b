/**
 * A fact a rule needs, in one of three states:
 * - absent (`undefined`): nobody gave it (offline, no flag): rules that need it are `skip`;
 * - known: read from an API, a registry, a file or a flag; `source` says which, for the report;
 * - unknown: we tried and could not read it (403, API down): rules that need it are `unknown`,
 *   with `reason` (which names the missing IAM permission when that is the cause).
 */
export type Fact<T> = KnownFact<T> | UnknownFact;

export interface KnownFact<T> {
  known: true;
  value: T;
  source: string;
}

export interface UnknownFact {
  known: false;
  reason: string;
}

export function known<T>(value: T, source: string): KnownFact<T> {
  return { known: true, value, source };
}

export function unknownFact(reason: string): UnknownFact {
  return { known: false, reason };
}
