import { CronExpressionParser } from 'cron-parser';

/**
 * Why `pattern` is not a schedule, or undefined when it is. It is parsed by cron-parser, the
 * parser BullMQ computes the next tick with, so what passes here is what the scheduler runs.
 */
export function digestPatternProblem(pattern: string): string | undefined {
  try {
    CronExpressionParser.parse(pattern, { tz: 'UTC' });
    return undefined;
  } catch (err) {
    return `not a cron pattern ("${pattern.slice(0, 60)}"): ${err instanceof Error ? err.message : String(err)}; e.g. "0 9 * * 1" (Mondays 09:00)`;
  }
}

/** Why `zone` is not an IANA time zone, or undefined when it is (cron-parser's own error on it is cryptic). */
export function timeZoneProblem(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return undefined;
  } catch {
    return `not an IANA time zone ("${zone.slice(0, 60)}"), e.g. UTC or Europe/Paris`;
  }
}
