/**
 * The update bodies the GKE fake accepts (DOMAIN.md): a cluster update carries one field,
 * `{update: {desiredGcfsConfig: {enabled}}}`; a pool update only `{gcfsConfig: {enabled}}`, as gcloud
 * sends it. Each returns the requested setting, or undefined for any other body.
 */

/** `enabled` of a clusters.update body (absent = false). */
export function clusterUpdateValue(body: unknown): boolean | undefined {
  if (!onlyKeys(body, ['update', 'name'])) return undefined;
  const update = (body as { update?: unknown }).update;
  if (typeof update !== 'object' || update === null || Object.keys(update).length !== 1) return undefined;
  return gcfsValue((update as { desiredGcfsConfig?: unknown }).desiredGcfsConfig);
}

/** `enabled` of a nodePools.update body (absent = false). */
export function poolUpdateValue(body: unknown): boolean | undefined {
  if (!onlyKeys(body, ['gcfsConfig', 'name'])) return undefined;
  return gcfsValue((body as { gcfsConfig?: unknown }).gcfsConfig);
}

function onlyKeys(body: unknown, allowed: string[]): boolean {
  return typeof body === 'object' && body !== null && Object.keys(body).every((k) => allowed.includes(k));
}

// proto3 JSON leaves a false boolean out: `{}` means off.
function gcfsValue(config: unknown): boolean | undefined {
  if (typeof config !== 'object' || config === null) return undefined;
  const enabled = (config as { enabled?: unknown }).enabled;
  if (enabled === undefined) return false;
  return typeof enabled === 'boolean' ? enabled : undefined;
}
