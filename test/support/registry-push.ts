/** Pushes blobs and manifests straight through the registry API (monolithic upload: POST, then PUT ?digest=). */
import { createHash } from 'node:crypto';

/** `sha256:HEX` of some bytes. */
export function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Uploads a blob and returns its digest. */
export async function pushBlob(registryUrl: string, repository: string, bytes: Buffer): Promise<string> {
  const digest = sha256(bytes);
  const start = await fetch(`${registryUrl}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  if (start.status !== 202) throw new Error(`blob upload start: HTTP ${start.status} ${await start.text()}`);
  const location = new URL(start.headers.get('location')!, registryUrl);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  if (put.status !== 201) throw new Error(`blob upload: HTTP ${put.status} ${await put.text()}`);
  return digest;
}

/** Stores a manifest under a tag (or its digest) and returns its digest. */
export async function pushManifest(
  registryUrl: string,
  repository: string,
  reference: string,
  mediaType: string,
  body: Buffer | string,
): Promise<string> {
  const res = await fetch(`${registryUrl}/v2/${repository}/manifests/${reference}`, {
    method: 'PUT',
    headers: { 'content-type': mediaType },
    body,
  });
  if (res.status !== 201)
    throw new Error(`manifest push ${repository}:${reference}: HTTP ${res.status} ${await res.text()}`);
  return sha256(body);
}
