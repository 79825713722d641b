import { z } from 'zod';

/**
 * Who did something, on which platform: `slack:U012AB3CD` (Slack), `gchat:users/123456789` (Chat).
 * The prefix keeps the platforms' id spaces apart (an approver on one platform is nobody on the
 * other), and the local part allows only what every platform's ids use, so a principal id is safe
 * in a Redis key, an audit line and a log field. Each adapter checks its own local shape on the way in.
 */
export const principalIdSchema = z
  .string()
  .max(200)
  .regex(/^[a-z][a-z0-9-]{1,15}:[A-Za-z0-9_./@+-]{1,180}$/, 'not a principal id (platform:id)')
  .brand<'PrincipalId'>();

export type PrincipalId = z.infer<typeof principalIdSchema>;

/** Builds a principal id from an adapter's platform name and its own id (validated). */
export function principalId(platform: string, localId: string): PrincipalId {
  return principalIdSchema.parse(`${platform}:${localId}`);
}

/** The platform part of a principal id (`slack`). */
export function platformOf(id: PrincipalId): string {
  return id.slice(0, id.indexOf(':'));
}

/** The platform's own id (`U012AB3CD`), for the adapter that owns the principal. */
export function localIdOf(id: PrincipalId): string {
  return id.slice(id.indexOf(':') + 1);
}

/**
 * A principal id from a value stored before the chat seam existed: records, audit events and job
 * payloads written by earlier versions hold bare Slack user ids (`U012AB3CD`). New values are
 * principal ids already. Throws (zod) on anything else.
 */
export function toPrincipalId(value: string): PrincipalId {
  return storedPrincipalIdSchema.parse(value);
}

// The one Slack shape the core still knows: the bare user ids earlier versions stored.
const STORED_SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/** The schema of a stored principal id that may predate the seam (see toPrincipalId). */
export const storedPrincipalIdSchema = z.preprocess(
  (value) => (typeof value === 'string' && STORED_SLACK_USER_ID.test(value) ? `slack:${value}` : value),
  principalIdSchema,
);
