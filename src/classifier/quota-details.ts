/** The quota named by a ResourceExhausted error. */
export interface QuotaDetails {
  metric: string;
  limit: string;
  service?: string;
  consumer?: string;
}

// From Google's error text (docs/image-streaming.md, verbatim):
//   Quota exceeded for quota metric 'M' and limit 'L' of service 'S' for consumer 'C'.
// Single or double quotes, any spacing and casing; service and consumer are optional. Bounded
// runs between quotes keep the match linear on junk.
const QUOTA_RE =
  /\bquota\s+exceeded\s+for\s+quota\s+metric\s+['"]([^'"]{1,512})['"]\s+and\s+limit\s+['"]([^'"]{1,512})['"](?:\s+of\s+service\s+['"]([^'"]{1,512})['"])?(?:\s+for\s+consumer\s+['"]([^'"]{1,512})['"])?/i;

/** The quota metric, limit, service and consumer from a "Quota exceeded for quota metric" text, if any. */
export function parseQuotaDetails(text: string): QuotaDetails | undefined {
  const m = QUOTA_RE.exec(text);
  if (!m) return undefined;
  const details: QuotaDetails = { metric: m[1], limit: m[2] };
  if (m[3] !== undefined) details.service = m[3];
  if (m[4] !== undefined) details.consumer = m[4];
  return details;
}
