/**
 * A time Slack shows in each reader's own time zone (`<!date^SECONDS^{date_short_pretty} {time}|FALLBACK>`);
 * the fallback, for clients that cannot, is UTC.
 */
export function slackDate(epochMs: number): string {
  const fallback = new Date(epochMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return `<!date^${Math.floor(epochMs / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}
