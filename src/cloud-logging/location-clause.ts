import { ZONE_RE } from '../locations/gcp-location';
import { quoteFilterValue as q } from './quote-filter-value';

/**
 * The Logging clause selecting a cluster's location. Nodes log under their zone while a regional
 * cluster is named by its region, so a region matches itself and its zones; a zone (zonal
 * cluster) matches exactly. `location` must already be validated (a region or a zone): it enters
 * a regular expression unescaped.
 */
export function clusterLocationClause(location: string): string {
  if (ZONE_RE.test(location)) return `resource.labels.location = ${q(location)}`;
  return `resource.labels.location =~ ${q(`^${location}(-[a-z])?$`)}`;
}
