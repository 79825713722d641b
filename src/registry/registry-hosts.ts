import { z } from 'zod';

/**
 * The registries `check` may contact: an image's host, a token realm and every redirect must be on
 * this list before a connection is opened. The default is Google's registries only; the operator
 * adds hosts (a private mirror) with IMAGESTREAM_REGISTRY_HOSTS.
 */

/** One allowed host. */
export interface HostRule {
  /** The entry as configured, for messages. */
  entry: string;
  /** A canonical hostname (`gcr.io`, `127.0.0.1`, `[::1]`), or a wildcard `*SUFFIX.DOMAIN`. */
  host: string;
  port: number;
  /**
   * Named exactly by the operator (not a wildcard, not a default): only such hosts may resolve to
   * loopback or private addresses (a mirror on the company network, the test registry).
   */
  named: boolean;
}

/**
 * Artifact Registry (`LOCATION-docker.pkg.dev`) and Container Registry (`gcr.io` and its regional
 * hosts `us.gcr.io`, `eu.gcr.io`, `asia.gcr.io`), on the HTTPS port. Artifact Registry's token realm
 * and its blob downloads (`/artifacts-downloads/...`) stay on the same host.
 */
export const DEFAULT_REGISTRY_HOSTS = ['*-docker.pkg.dev', 'gcr.io', '*.gcr.io'] as const;

// `*` stands for the start of the first label only (one label: `*.gcr.io` is not `a.b.gcr.io`), and
// at least two labels follow, so no entry can be a whole top-level domain (`*.com`).
const WILDCARD_RE = /^\*([a-z0-9-]*)\.((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9])$/;
const ENTRY_RE = /^(\[[0-9a-f:.]+\]|[a-z0-9*][a-z0-9.*-]*)(?::(\d{1,5}))?$/i;

/** The host and port of an entry; undefined when it is not HOST[:PORT] or *.DOMAIN[:PORT]. */
export function parseHostRule(entry: string, named = true): HostRule | undefined {
  const m = ENTRY_RE.exec(entry.trim());
  if (!m) return undefined;
  const port = m[2] === undefined ? 443 : Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  const raw = m[1]!.toLowerCase();
  if (raw.includes('*')) {
    return WILDCARD_RE.test(raw) ? { entry: entry.trim(), host: raw, port, named: false } : undefined;
  }
  // The URL parser canonicalises the name as every request URL is: letters lowercased, and
  // numeric IPv4 forms (2130706433, 0x7f000001, 127.1) written as the dotted quad they mean.
  const host = canonicalHostname(raw);
  return host === undefined ? undefined : { entry: entry.trim(), host, port, named };
}

function canonicalHostname(host: string): string | undefined {
  try {
    const url = new URL(`https://${host}/`);
    // A trailing dot names the same host under another spelling: not accepted.
    return url.hostname && !url.hostname.endsWith('.') ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}

/** An IMAGESTREAM_REGISTRY_HOSTS entry. */
export const registryHostEntrySchema = z
  .string()
  .refine(
    (s) => parseHostRule(s) !== undefined,
    'must be HOST[:PORT] or *.DOMAIN[:PORT], e.g. mirror.example.com:5000',
  );

/** The port a URL connects to. */
export function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'http:' ? 80 : 443;
}

function matches(rule: HostRule, hostname: string, port: number): boolean {
  if (rule.port !== port) return false;
  if (!rule.host.startsWith('*')) return rule.host === hostname;
  const m = WILDCARD_RE.exec(rule.host)!;
  const suffix = `${m[1]}.${m[2]}`;
  if (!hostname.endsWith(suffix)) return false;
  const head = hostname.slice(0, -suffix.length);
  return /^[a-z0-9-]+$/.test(head);
}

// The defaults as rules, parsed once: they are also the only hosts the bot's Google access token may
// reach (isGoogleRegistryHost), so "Google's registry hosts" is defined in one place.
const GOOGLE_REGISTRY_RULES: readonly HostRule[] = DEFAULT_REGISTRY_HOSTS.map((e) => parseHostRule(e, false)!);

/**
 * Whether `host` (a hostname, or HOST:PORT with the port ignored) is one of Google's Docker registry
 * hosts, DEFAULT_REGISTRY_HOSTS: the only hosts the bot's Google access token may be sent to. Not
 * any `*.pkg.dev` name: Artifact Registry's other formats (`us-python.pkg.dev`) are no Docker registry.
 */
export function isGoogleRegistryHost(host: string): boolean {
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  return GOOGLE_REGISTRY_RULES.some((rule) => matches(rule, hostname, rule.port));
}

/** The allow-list: the defaults, what the operator added, and the base URL they chose. */
export class RegistryHosts {
  private constructor(readonly rules: readonly HostRule[]) {}

  /**
   * `extra`: IMAGESTREAM_REGISTRY_HOSTS entries (validated by registryHostEntrySchema);
   * `baseUrl`: IMAGESTREAM_REGISTRY_URL, whose host is allowed as a named host.
   */
  static of(extra: readonly string[] = [], baseUrl?: string): RegistryHosts {
    const rules = [...GOOGLE_REGISTRY_RULES];
    for (const entry of extra) {
      const rule = parseHostRule(entry);
      if (!rule) throw new Error(`invalid registry host entry "${entry.slice(0, 100)}"`);
      rules.push(rule);
    }
    // An unparsable base URL adds nothing: the fetch names it as a usage error.
    const url = baseUrl === undefined ? undefined : URL.parse(baseUrl);
    if (url) rules.push({ entry: url.host, host: url.hostname, port: effectivePort(url), named: true });
    return new RegistryHosts(rules);
  }

  /** The rule allowing `hostname:port` (hostname as a URL's, IPv6 in brackets or not); undefined = refused. */
  find(hostname: string, port: number): HostRule | undefined {
    const host = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname.toLowerCase();
    // A named rule first: it is the one that may allow private addresses.
    return this.rules.find((r) => r.named && matches(r, host, port)) ?? this.rules.find((r) => matches(r, host, port));
  }

  /** The rule allowing the URL's host and port; undefined = refused. */
  findUrl(url: URL): HostRule | undefined {
    return this.find(url.hostname, effectivePort(url));
  }
}
