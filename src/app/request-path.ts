/**
 * The path a request names, for routing: the origin-form target (`/healthz?x=1`) up to its query,
 * or the path of an absolute-form one (`http://host/healthz`, which HTTP/1.1 servers must accept).
 * Undefined for anything else (`*`, garbage): no route matches it. Never throws, whatever the target:
 * Bolt's router parses it with `new URL`, which a target such as `//` makes throw.
 * No percent-decoding: `/heal%74hz` is not `/healthz`, so no two spellings reach one route.
 */
export function requestPath(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  if (url.startsWith('/')) return url.split('?')[0];
  if (!/^https?:\/\//i.test(url)) return undefined;
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}
