/**
 * The gcfsd error classes of docs/image-streaming.md ("gcfsd errors and their fixes"), plus `none` for
 * entries that are none of them (gcfsd info lines, unrelated errors).
 */
export type ErrorClass =
  'permission_denied' | 'quota_exceeded' | 'failed_precondition' | 'invalid_argument' | 'symlink_rename' | 'none';

/** Every class, in the order of precedence the classifier applies (see match-error-class.ts). */
export const ERROR_CLASSES: readonly ErrorClass[] = [
  'permission_denied',
  'quota_exceeded',
  'invalid_argument',
  'failed_precondition',
  'symlink_rename',
  'none',
];
