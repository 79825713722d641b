import { z } from 'zod';
import { type PrincipalId, principalId } from '../../src/chat/principal-id';

/**
 * Google Chat's names, as the Chat API v1 writes them (resource names, not display names), and the
 * platform name the core knows the adapter by. Every id the adapter takes from an event or an API
 * answer is checked with one of these before it reaches the core, a Redis key or a log line.
 */
export const GCHAT = 'gchat';

const ID = '[A-Za-z0-9_-]{1,100}';

/** A space: `spaces/AAAAxyz`. */
export const spaceNameSchema = z.string().regex(new RegExp(`^spaces/${ID}$`), 'not a Google Chat space (spaces/…)');
/** A person (or `users/app`): `users/123456789`. */
export const userNameSchema = z.string().regex(new RegExp(`^users/${ID}$`), 'not a Google Chat user (users/…)');
/** A message: `spaces/S/messages/M`, where M may hold dots (`UBH.UBH`) or be client-assigned (`client-…`). */
export const messageNameSchema = z
  .string()
  .regex(new RegExp(`^spaces/${ID}/messages/[A-Za-z0-9_.-]{1,200}$`), 'not a Google Chat message name');
/** A thread: `spaces/S/threads/T`. */
export const threadNameSchema = z
  .string()
  .regex(new RegExp(`^spaces/${ID}/threads/[A-Za-z0-9_.-]{1,200}$`), 'not a Google Chat thread name');

/** The space of a message or thread name (`spaces/S/messages/M` -> `spaces/S`). */
export function spaceOfName(name: string): string {
  return name.split('/').slice(0, 2).join('/');
}

/** The principal of a Chat user (`gchat:users/123`), or null when the name is not a user's. */
export function chatPrincipal(userName: unknown): PrincipalId | null {
  const parsed = userNameSchema.safeParse(userName);
  return parsed.success ? principalId(GCHAT, parsed.data) : null;
}
