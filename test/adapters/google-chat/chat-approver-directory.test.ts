/** Google Chat's approvers: `users/…` names, and e-mail addresses matched only through verified events. */
import { ChatApproverDirectory } from '../../../adapters/google-chat/approvers/chat-approver-directory';
import { principalId } from '../../../src/chat/principal-id';
import { plainText } from '../../../src/chat/rich-text';

const ADA = principalId('gchat', 'users/111');
const BOB = principalId('gchat', 'users/222');

it('a named user is an approver; nobody else, and no principal of another platform', async () => {
  const directory = new ChatApproverDirectory({ approvers: ['users/111'] });
  expect(directory.configured).toBe(true);
  expect(await directory.isApprover(ADA)).toBe(true);
  expect(await directory.isApprover(BOB)).toBe(false);
  expect(await directory.isApprover(principalId('slack', 'users/111'))).toBe(false);
});

it('an e-mail approver is one only once a verified event showed that e-mail for the user (case-insensitive)', async () => {
  const directory = new ChatApproverDirectory({ approvers: ['Bob@Example.com'] });
  expect(await directory.isApprover(BOB)).toBe(false);
  directory.remember('users/222', 'bob@EXAMPLE.com');
  expect(await directory.isApprover(BOB)).toBe(true);
  expect(await directory.isApprover(ADA)).toBe(false);
  // The user's e-mail changed (or another was seen last): the old one no longer counts.
  directory.remember('users/222', 'robert@example.com');
  expect(await directory.isApprover(BOB)).toBe(false);
});

it('remembers a bounded number of users, forgetting the one seen longest ago', async () => {
  const directory = new ChatApproverDirectory({ approvers: ['a@example.com', 'b@example.com'], rememberCapacity: 2 });
  directory.remember('users/1', 'a@example.com');
  directory.remember('users/2', 'b@example.com');
  directory.remember('users/1', 'a@example.com');
  directory.remember('users/3', 'c@example.com');
  expect(await directory.isApprover(principalId('gchat', 'users/1'))).toBe(true);
  expect(await directory.isApprover(principalId('gchat', 'users/2'))).toBe(false);
});

it('ignores what is not a user name or an e-mail when remembering', async () => {
  const directory = new ChatApproverDirectory({ approvers: ['a@example.com'] });
  directory.remember('U012AB', 'a@example.com');
  directory.remember('users/1', 'not an email');
  expect(await directory.isApprover(principalId('gchat', 'users/1'))).toBe(false);
});

it('names the approvers: users as mentions, e-mails as text', () => {
  const directory = new ChatApproverDirectory({ approvers: ['users/111', 'ops@example.com'] });
  const described = directory.describe();
  expect(described[0]).toEqual({ kind: 'mention', principal: ADA });
  expect(plainText(described.slice(1))).toBe(', ops@example.com');
});

it('nobody configured: not configured', () => {
  expect(new ChatApproverDirectory({ approvers: [] }).configured).toBe(false);
});

it('refuses an entry that is neither, naming it', () => {
  expect(() => new ChatApproverDirectory({ approvers: ['U012AB3CD'] })).toThrow(
    'invalid GOOGLE_CHAT_APPROVERS entry "U012AB3CD": use users/… or an e-mail address',
  );
});
