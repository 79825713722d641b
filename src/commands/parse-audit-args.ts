import { UsageError } from '../errors';

/** `audit [N]`: how many events to show (default 10, at most 100). */
export function parseAuditArgs(args: string[]): number {
  if (args.length > 1 || (args[0] !== undefined && !/^\d{1,3}$/.test(args[0]))) {
    throw new UsageError('audit takes one number, the count of events to show (1-100)');
  }
  return Math.min(100, Math.max(1, Number(args[0] ?? 10)));
}
