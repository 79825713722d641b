import { z } from 'zod';
import { UsageError } from '../../../src/errors';
import { userNameSchema } from '../chat-ids';

/** An e-mail address as Chat's User.email carries it, compared lower-cased. */
export const emailSchema = z
  .string()
  .max(320)
  .regex(/^[^\s@,<>]+@[^\s@,<>]+\.[^\s@,<>]+$/, 'not an e-mail address')
  .transform((email) => email.toLowerCase());

/** GOOGLE_CHAT_APPROVERS's entries: `users/…` names and e-mail addresses, apart. UsageError naming a bad one. */
export function approverEntriesOf(entries: readonly string[]): { userNames: string[]; emails: string[] } {
  const userNames: string[] = [];
  const emails: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const user = userNameSchema.safeParse(entry);
    const email = emailSchema.safeParse(entry);
    if (user.success) userNames.push(user.data);
    else if (email.success) emails.push(email.data);
    else throw new UsageError(`invalid GOOGLE_CHAT_APPROVERS entry "${entry}": use users/… or an e-mail address`);
  }
  return { userNames, emails };
}
