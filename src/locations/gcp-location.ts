/** A Google Cloud region, `us-east1`. */
export const REGION_RE = /^[a-z]+-[a-z]+[0-9]+$/;
/** A Google Cloud zone, `us-east1-b`; group 1 is its region. */
export const ZONE_RE = /^([a-z]+-[a-z]+[0-9]+)-[a-z]$/;

/** True for a region or a zone. */
export function isRegionOrZone(location: string): boolean {
  return REGION_RE.test(location) || ZONE_RE.test(location);
}

/** The region of a location: a zone loses its `-b` suffix, a region stays as is. */
export function regionOf(location: string): string {
  return ZONE_RE.exec(location)?.[1] ?? location;
}
