/** What a registry's 401 asks for (`WWW-Authenticate`). */
export type RegistryChallenge =
  { scheme: 'bearer'; realm: string; service?: string; scope?: string } | { scheme: 'basic' };

// auth-param = token "=" ( token / quoted-string ); gcr.io sends `service=gcr.io` unquoted.
const PARAM_RE = /([A-Za-z][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]+))/g;

/**
 * Parses the first challenge of a `WWW-Authenticate` header; undefined when there is none we
 * can answer (no header, another scheme, a Bearer without realm). Artifact Registry may omit
 * `service`, so it is optional.
 */
export function parseChallenge(header: string | null | undefined): RegistryChallenge | undefined {
  const m = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header ?? '');
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  if (scheme === 'basic') return { scheme: 'basic' };
  if (scheme !== 'bearer') return undefined;

  const params = new Map<string, string>();
  for (const p of m[2]!.matchAll(PARAM_RE)) {
    const key = p[1]!.toLowerCase();
    if (!params.has(key)) params.set(key, p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3]!);
  }
  const realm = params.get('realm');
  if (!realm) return undefined;
  const challenge: RegistryChallenge = { scheme: 'bearer', realm };
  const service = params.get('service');
  const scope = params.get('scope');
  if (service) challenge.service = service;
  if (scope) challenge.scope = scope;
  return challenge;
}
