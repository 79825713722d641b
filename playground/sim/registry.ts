/**
 * The simulated registry: the Docker Registry HTTP API v2 read paths (GET/HEAD of manifests and
 * blobs) over the images of registry-images.ts, on the registry tests' loopback stub. Anonymous:
 * `check` sends its token flow only when challenged.
 */
import type http from 'node:http';
import { sha256 } from '../../test/support/registry-push';
import { RegistryStub, startRegistryStub } from '../../test/support/registry-stub';
import { RegistryContent, StoredObject, buildRegistryContent } from './registry-images';

const MANIFEST = /^\/v2\/(.+)\/manifests\/([^/]+)$/;
const BLOB = /^\/v2\/(.+)\/blobs\/(sha256:[a-f0-9]{64})$/;

/** Starts the registry on a free loopback port. */
export function startSimRegistry(content: RegistryContent = buildRegistryContent()): Promise<RegistryStub> {
  return startRegistryStub((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return error(res, 405, 'UNSUPPORTED', 'read-only registry');
    const path = new URL(req.url ?? '/', 'http://registry').pathname;
    if (path === '/v2/' || path === '/v2') return send(res, { body: Buffer.from('{}'), mediaType: 'application/json' });
    const manifest = MANIFEST.exec(path);
    if (manifest) {
      const [, repo, ref] = manifest;
      const found = content.manifests.get(ref!.startsWith('sha256:') ? `${repo}@${ref}` : `${repo}:${ref}`);
      return found ? send(res, found, true) : error(res, 404, 'MANIFEST_UNKNOWN', 'manifest unknown');
    }
    const blob = BLOB.exec(path);
    if (blob) {
      const found = content.blobs.get(blob[2]!);
      return found ? send(res, found) : error(res, 404, 'BLOB_UNKNOWN', 'blob unknown to registry');
    }
    error(res, 404, 'NAME_UNKNOWN', 'repository name not known to registry');
  });
}

function send(res: http.ServerResponse, object: StoredObject, withDigest = false): void {
  const headers: Record<string, string | number> = {
    'content-type': object.mediaType,
    'content-length': object.body.length,
  };
  if (withDigest) headers['docker-content-digest'] = sha256(object.body);
  res.writeHead(200, headers);
  res.end(res.req.method === 'HEAD' ? undefined : object.body);
}

function error(res: http.ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ errors: [{ code, message }] }));
}
