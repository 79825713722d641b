import { ErrorClass } from './error-class';

/*
 * The patterns are compiled once, here. They tolerate casing, extra spaces, `=` or `:` after
 * `code` (also `"code": "..."` in JSON text), and the SCREAMING_CASE spelling of gRPC codes
 * (PERMISSION_DENIED) that JSON errors use.
 * None has nested or overlapping quantifiers, so each runs in linear time even on junk text.
 */
const GRPC_CODE = (name: string) => new RegExp(`\\bcode["']?\\s*[=:]\\s*["']?${name}\\b`, 'i');

const PERMISSION_DENIED = [
  GRPC_CODE('permission_?denied'),
  /\brequest\s+had\s+insufficient\s+authentication\s+scopes\b/i,
];
const QUOTA_EXCEEDED = [GRPC_CODE('resource_?exhausted'), /\bquota\s+exceeded\s+for\s+quota\s+metric\b/i];
const INVALID_ARGUMENT = [GRPC_CODE('invalid_?argument')];
const FAILED_PRECONDITION = [GRPC_CODE('failed_?precondition')];

// symlink_rename needs both: the ENXIO text, and a sign that a rename failed: `mv: cannot move`,
// rename/renameat/renameat2 (C, strace, Go's "rename a b: ..."), or "a -> b", which is how
// Python's os.rename/os.replace and Java's Files.move name the two paths of a failed rename.
const ENXIO = /\bno\s+such\s+device\s+or\s+address\b|\benxio\b/i;
const RENAME = /\bmv\b|\bcannot\s+move\b|\brename(?:at2?)?\b|\S\s+->\s+\S/i;

const any = (patterns: readonly RegExp[], text: string) => patterns.some((re) => re.test(text));

/** Where the text came from, as far as classification cares. */
export interface MatchContext {
  /**
   * The entry is an application container's log (resource type k8s_container or k8s_pod). gcfsd
   * logs are node logs, so a gRPC code in an application's own log is the application's error,
   * not gcfsd's: only symlink_rename (an application-side symptom) applies to those entries.
   */
  applicationLog: boolean;
}

/**
 * The class of a log text. When several match, the first in this order wins:
 * 1. permission_denied: streaming is off for the whole node (gcfsd cannot even start a client);
 * 2. quota_exceeded: project-wide throttling, hits every node;
 * 3. invalid_argument: this image will never stream until it changes;
 * 4. failed_precondition: transient, goes away once the image is imported;
 * 5. symlink_rename: an application symptom, only when no gcfsd code is present.
 * So the class names the broadest, most lasting cause, and the order never depends on where in the
 * text each code appears (wrapped gRPC errors repeat codes in either order).
 */
export function matchErrorClass(text: string, context: MatchContext): ErrorClass {
  if (!context.applicationLog) {
    if (any(PERMISSION_DENIED, text)) return 'permission_denied';
    if (any(QUOTA_EXCEEDED, text)) return 'quota_exceeded';
    if (any(INVALID_ARGUMENT, text)) return 'invalid_argument';
    if (any(FAILED_PRECONDITION, text)) return 'failed_precondition';
  }
  if (ENXIO.test(text) && RENAME.test(text)) return 'symlink_rename';
  return 'none';
}
