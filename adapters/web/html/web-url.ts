/**
 * The address a link may point to, or null: only http(s) URLs become links, so a `javascript:`,
 * `data:` or `vbscript:` address (or one with control characters that browsers strip before the
 * scheme) never reaches an href. The URL is returned as the WHATWG parser normalises it.
 */
export function webUrl(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
