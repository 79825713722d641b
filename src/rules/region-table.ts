/**
 * Which node regions each Artifact Registry multi-region serves for image streaming.
 *
 * Source: docs/image-streaming.md (Google's page): nodes in `us-east1` may use a repository in `us-east1` or `us`,
 * and `us` covers the `us-*` regions; nodes in `northamerica-northeast1` (Canada) may use the same
 * region only. The page lists nothing for `europe` and `asia`: we take the regions named `europe-*`
 * and `asia-*`, following the same naming as `us`; this is our reading, not the page's. A region
 * that matches no prefix here (other than the same-region-only list) is not settled: the rule then
 * answers `unknown`, never `fail`.
 */
export const MULTI_REGION_MEMBERS: Readonly<Record<string, RegExp>> = {
  us: /^us-/,
  europe: /^europe-/,
  asia: /^asia-/,
};

/** Regions whose nodes may stream only from a repository in the same region (docs/image-streaming.md: Canada). */
export const SAME_REGION_ONLY: readonly string[] = ['northamerica-northeast1'];

/** The multi-region that contains a region, per the table; undefined when the table does not say. */
export function multiRegionOf(region: string): string | undefined {
  return Object.keys(MULTI_REGION_MEMBERS).find((m) => MULTI_REGION_MEMBERS[m]!.test(region));
}
