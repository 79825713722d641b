import { RemoteError, UsageError } from '../errors';
import { accessDenied, registryErrorDetail } from './access-denied';
import { describeIssues } from './describe-issues';
import { tokenResponseSchema } from './manifest-schemas';
import { parseChallenge, RegistryChallenge } from './registry-challenge';
import { isGoogleRegistryHost, RegistryHosts } from './registry-hosts';
import { RegistryUnreachableError } from './registry-unreachable';
import { HttpResult, sendRequest } from './send-request';

/** What the client needs from its caller. */
export interface RegistryClientOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  /** The hosts that may be contacted (registry, token realm, redirects). */
  hosts: RegistryHosts;
  /** OAuth access token, sent as Basic `oauth2accesstoken:<token>`; undefined = anonymous. */
  accessToken?: () => Promise<string | undefined>;
}

/** One authenticated GET against a repository. */
export interface RegistryRequest {
  /** Repository path, for the token scope (`repository:PATH:pull`) and messages. */
  repository: string;
  accept?: string;
  maxBytes: number;
  /** Whether the caller's access token may be sent to this registry at all. */
  credentials: boolean;
}

/** The answer, plus whether the caller's credentials were sent (for the access-denied message). */
export interface RegistryResult extends HttpResult {
  usedCredentials: boolean;
}

/** A Bearer header from the token service, and whether the caller's credentials obtained it. */
interface CachedToken {
  header: string;
  expiresAt: number;
  withCredentials: boolean;
}

const TOKEN_BODY_MAX = 64 * 1024;
const DEFAULT_TOKEN_SECONDS = 60; // Docker token spec: a token without expires_in lasts 60 s.

// Within a registry that may receive the token, it goes only to the registry's own origin or to
// Google's Docker registry hosts, never to a realm on some other host.
function mayReceiveCredentials(realm: URL, registryOrigin: string): boolean {
  if (realm.origin === registryOrigin) return true;
  return realm.protocol === 'https:' && isGoogleRegistryHost(realm.hostname);
}

/**
 * A Docker Registry HTTP API v2 client for pulls: answers Bearer challenges through the token
 * service and Basic challenges directly, and caches tokens per (realm, service, scope) for its life.
 */
export class RegistryClient {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly challenges = new Map<string, RegistryChallenge>();

  constructor(private readonly options: RegistryClientOptions) {}

  /** GET `url`, authenticating when the registry asks; any HTTP status is returned, not thrown. */
  async get(url: string, request: RegistryRequest): Promise<RegistryResult> {
    const origin = new URL(url).origin;
    const key = `${origin} ${request.repository}`;
    const state = { usedCredentials: false };

    // A challenge seen before for this repository: authenticate up front, saving a round trip.
    const known = this.challenges.get(key);
    let auth = known ? await this.authorization(known, origin, request, false, state) : undefined;
    let result = await this.send(url, request, auth);

    if (result.status === 401) {
      const challenge = parseChallenge(result.headers.get('www-authenticate'));
      if (challenge) {
        this.challenges.set(key, challenge);
        // A rejected cached token may have expired early: ask for a new one once.
        const retry = await this.authorization(challenge, origin, request, auth !== undefined, state);
        if (retry !== undefined && retry !== auth) {
          auth = retry;
          result = await this.send(url, request, auth);
        }
      }
    }
    return { ...result, usedCredentials: state.usedCredentials };
  }

  private send(url: string, request: RegistryRequest, auth: string | undefined): Promise<HttpResult> {
    const headers: Record<string, string> = {};
    if (request.accept) headers.accept = request.accept;
    if (auth) headers.authorization = auth;
    return sendRequest(url, {
      fetch: this.options.fetch,
      timeoutMs: this.options.timeoutMs,
      headers,
      maxBytes: request.maxBytes,
      peer: 'registry',
      hosts: this.options.hosts,
    });
  }

  private async credentials(): Promise<string | undefined> {
    if (!this.options.accessToken) return undefined;
    try {
      return (await this.options.accessToken()) || undefined;
    } catch (err) {
      if (err instanceof UsageError || err instanceof RemoteError) throw err;
      const why = err instanceof Error ? err.message : String(err);
      throw new RemoteError(`could not get an access token for the registry: ${why}`);
    }
  }

  private async authorization(
    challenge: RegistryChallenge,
    origin: string,
    request: RegistryRequest,
    renew: boolean,
    state: { usedCredentials: boolean },
  ): Promise<string | undefined> {
    const repository = request.repository;
    if (challenge.scheme === 'basic') {
      const token = request.credentials ? await this.credentials() : undefined;
      if (!token) return undefined;
      state.usedCredentials = true;
      return `Basic ${Buffer.from(`oauth2accesstoken:${token}`).toString('base64')}`;
    }

    const scope = `repository:${repository}:pull`;
    const cacheKey = JSON.stringify([challenge.realm, challenge.service ?? '', scope]);
    const cached = this.tokens.get(cacheKey);
    if (cached && !renew && cached.expiresAt > Date.now()) {
      state.usedCredentials ||= cached.withCredentials;
      return cached.header;
    }
    this.tokens.delete(cacheKey);

    const registryHost = new URL(origin).host;
    let realm: URL;
    try {
      realm = new URL(challenge.realm);
    } catch {
      throw new RegistryUnreachableError(
        `registry ${registryHost} named an invalid token realm "${challenge.realm.slice(0, 100)}"`,
      );
    }
    // The realm is a URL the registry chose: https (plain http only for a registry that is itself
    // plain http, which only the operator's IMAGESTREAM_REGISTRY_URL can be), and on the allow-list
    // (sendRequest checks that), never an internal address the bot would fetch on its behalf.
    const plainOk = new URL(origin).protocol === 'http:';
    if (realm.protocol !== 'https:' && !(plainOk && realm.protocol === 'http:')) {
      throw new RegistryUnreachableError(
        `registry ${registryHost} named a token realm that is not https: ${realm.protocol}//${realm.host}`,
      );
    }
    if (challenge.service) realm.searchParams.set('service', challenge.service);
    realm.searchParams.set('scope', scope);

    const headers: Record<string, string> = { accept: 'application/json' };
    const token = request.credentials && mayReceiveCredentials(realm, origin) ? await this.credentials() : undefined;
    if (token) headers.authorization = `Basic ${Buffer.from(`oauth2accesstoken:${token}`).toString('base64')}`;
    const answer = await sendRequest(realm.href, {
      fetch: this.options.fetch,
      timeoutMs: this.options.timeoutMs,
      headers,
      maxBytes: TOKEN_BODY_MAX,
      peer: 'token service',
      hosts: this.options.hosts,
    });
    if (answer.status === 401 || answer.status === 403) {
      throw accessDenied(`${registryHost}/${repository}`, token !== undefined, registryErrorDetail(answer.body));
    }
    if (answer.status !== 200) {
      throw new RemoteError(`token service ${realm.host} answered HTTP ${answer.status}`, answer.status);
    }
    let json: unknown;
    try {
      json = JSON.parse(answer.body.toString('utf8'));
    } catch {
      throw new RemoteError(`token service ${realm.host} answered with something that is not JSON`);
    }
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new RemoteError(`token service ${realm.host} returned no usable token: ${describeIssues(parsed.error)}`);
    }
    const bearer = `Bearer ${parsed.data.token ?? parsed.data.access_token}`;
    const seconds = parsed.data.expires_in ?? DEFAULT_TOKEN_SECONDS;
    // Renewed at 90 % of its life so a token never expires between two requests of one check.
    const expiresAt = Date.now() + seconds * 900;
    this.tokens.set(cacheKey, { header: bearer, expiresAt, withCredentials: token !== undefined });
    if (token) state.usedCredentials = true;
    return bearer;
  }
}
