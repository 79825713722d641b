import { z } from 'zod';

/** A `{kid: PEM certificate}` map, as Google serves its signing certificates. */
export type PemCertificates = Record<string, string>;

/** Why no certificates can be had right now (the request is answered 503: the sender is not at fault). */
export class CertificatesUnavailable extends Error {
  constructor(reason: string) {
    super(`cannot fetch the signing certificates: ${reason}`);
    this.name = 'CertificatesUnavailable';
  }
}

export interface CertificateCacheOptions {
  /** Where the `{kid: PEM}` map is served. */
  url: string;
  /** The fetch to use; default the global one. */
  fetch?: typeof fetch;
  /** The clock, epoch ms. */
  now?: () => number;
  /** How long one fetch may take; default 5 s (a request waits on it). */
  timeoutMs?: number;
  /** How often a token naming a kid we do not know may cause a refetch; default 60 s. */
  unknownKidRefetchMs?: number;
  /** How long certificates are kept when the answer has no max-age; default 5 min. */
  defaultMaxAgeMs?: number;
  /** After a failed fetch with nothing cached, how long to answer "unavailable" before trying again; default 5 s. */
  failureBackoffMs?: number;
}

// Google serves a handful of keys; a few KB. Anything far larger is not its answer.
const MAX_BODY_CHARS = 256 * 1024;
const MAX_AGE_CAP_MS = 24 * 3600 * 1000;
const certificatesSchema = z
  .record(
    z.string().min(1).max(200),
    z
      .string()
      .max(16 * 1024)
      .startsWith('-----BEGIN CERTIFICATE-----', 'not a PEM certificate'),
  )
  .refine((certs) => Object.keys(certs).length > 0 && Object.keys(certs).length <= 50, 'expected 1 to 50 certificates');

/**
 * Google's signing certificates, kept as long as the answer's Cache-Control max-age says (Google
 * rotates its keys and publishes the new one before signing with it). One fetch at a time: callers
 * that arrive during it share its answer. A token whose kid is not in the map may mean a rotation
 * we have not seen, so it may cause one early refetch, at most every `unknownKidRefetchMs`: a flood
 * of tokens with made-up kids costs Google's endpoint one request a minute, not one per token.
 */
export class CertificateCache {
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private cached?: { certs: PemCertificates; expiresAt: number };
  private inFlight?: Promise<PemCertificates>;
  private lastUnknownKidRefetch = -Infinity;
  private lastFailure = -Infinity;

  constructor(private readonly options: CertificateCacheOptions) {
    this.fetch = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
  }

  /** The certificates: the cached ones while fresh, else fetched. CertificatesUnavailable when none can be had. */
  certificates(): Promise<PemCertificates> {
    if (this.cached && this.now() < this.cached.expiresAt) return Promise.resolve(this.cached.certs);
    return this.refetch();
  }

  /**
   * The certificates after a token named a kid not among them: refetched when the last such
   * refetch is long enough ago, else the ones we have.
   */
  async afterUnknownKid(): Promise<PemCertificates> {
    const now = this.now();
    if (now - this.lastUnknownKidRefetch < (this.options.unknownKidRefetchMs ?? 60_000)) return this.certificates();
    this.lastUnknownKidRefetch = now;
    return this.refetch();
  }

  private refetch(): Promise<PemCertificates> {
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async load(): Promise<PemCertificates> {
    if (!this.cached && this.now() - this.lastFailure < (this.options.failureBackoffMs ?? 5_000)) {
      throw new CertificatesUnavailable('the last attempt failed moments ago');
    }
    try {
      const { certs, maxAgeMs } = await this.download();
      this.cached = { certs, expiresAt: this.now() + maxAgeMs };
      return certs;
    } catch (err) {
      this.lastFailure = this.now();
      // Keys outlive their publication by days: the stale map beats refusing every request. It is
      // kept for the backoff, so a Google outage costs one fetch per backoff, not one per request.
      if (this.cached) {
        this.cached.expiresAt = this.now() + (this.options.failureBackoffMs ?? 5_000);
        return this.cached.certs;
      }
      throw err instanceof CertificatesUnavailable ? err : new CertificatesUnavailable(reasonOf(err));
    }
  }

  private async download(): Promise<{ certs: PemCertificates; maxAgeMs: number }> {
    const res = await this.fetch(this.options.url, {
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
      headers: { accept: 'application/json' },
    });
    if (!res.ok) throw new CertificatesUnavailable(`HTTP ${res.status}`);
    const body = await res.text();
    if (body.length > MAX_BODY_CHARS) throw new CertificatesUnavailable('the answer is too large');
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new CertificatesUnavailable('the answer is not JSON');
    }
    const certs = certificatesSchema.safeParse(parsed);
    if (!certs.success) throw new CertificatesUnavailable('the answer is not a {kid: PEM certificate} map');
    return { certs: certs.data, maxAgeMs: this.maxAgeOf(res.headers.get('cache-control')) };
  }

  private maxAgeOf(cacheControl: string | null): number {
    const maxAge = /(?:^|[,\s])max-age=(\d{1,10})(?:$|[,\s])/i.exec(cacheControl ?? '')?.[1];
    if (maxAge === undefined) return this.options.defaultMaxAgeMs ?? 300_000;
    return Math.min(Number(maxAge) * 1000, MAX_AGE_CAP_MS);
  }
}

function reasonOf(err: unknown): string {
  // The abort is a DOMException, which need not be an Error of this realm: read its name.
  const { name, message, cause } = (err ?? {}) as { name?: unknown; message?: unknown; cause?: { code?: unknown } };
  if (name === 'TimeoutError' || name === 'AbortError') return 'timed out';
  // fetch's own errors name no secret (the URL is configuration); the cause says what failed.
  if (typeof cause?.code === 'string') return cause.code;
  return typeof message === 'string' ? message : 'unknown error';
}
