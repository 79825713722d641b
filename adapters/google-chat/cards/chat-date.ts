/**
 * A moment as Chat shows it in this adapter: `2026-12-06 10:15 UTC`. Neither card HTML nor Chat's
 * text format has a documented token that shows a time in each reader's zone, so it is UTC.
 */
export function chatDate(epochMs: number): string {
  const moment = new Date(epochMs);
  if (Number.isNaN(moment.getTime())) return 'an unknown time';
  return moment.toISOString().replace(/T(\d\d:\d\d).*$/, ' $1 UTC');
}
