import { createHash } from 'node:crypto';

/** Digests as registries write them; only the algorithms Node can recompute are accepted. */
export const DIGEST_RE = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** `ALGORITHM:HEX` of some bytes (sha256 unless the algorithm of an expected digest says otherwise). */
export function digestOf(bytes: Uint8Array | string, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** Whether the bytes hash to `expected` (a digest matching DIGEST_RE). */
export function matchesDigest(bytes: Uint8Array | string, expected: string): boolean {
  const algorithm = expected.startsWith('sha512:') ? 'sha512' : 'sha256';
  return digestOf(bytes, algorithm) === expected;
}
