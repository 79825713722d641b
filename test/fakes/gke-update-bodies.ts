/**
 * The update bodies the GKE fake accepts (docs/image-streaming.md): a cluster update carries one field,
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

/** `nodeVersion` of a nodePools.update body that upgrades the pool (docs/image-streaming.md), else undefined. */
export function poolVersionValue(body: unknown): string | undefined {
  if (!onlyKeys(body, ['nodeVersion', 'name'])) return undefined;
  const version = (body as { nodeVersion?: unknown }).nodeVersion;
  return typeof version === 'string' && /^\d+\.\d+\.\d+-gke\.\d+$/.test(version) ? version : undefined;
}

/** The `nodePool` of a nodePools.create body (needs a name and a config), else undefined. */
export function poolCreateValue(body: unknown): Record<string, any> | undefined {
  if (!onlyKeys(body, ['nodePool', 'parent'])) return undefined;
  const pool = (body as { nodePool?: unknown }).nodePool;
  if (typeof pool !== 'object' || pool === null) return undefined;
  const { name, config } = pool as { name?: unknown; config?: unknown };
  if (typeof name !== 'string' || !/^[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?$/.test(name)) return undefined;
  return typeof config === 'object' && config !== null ? (pool as Record<string, any>) : undefined;
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
