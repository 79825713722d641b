import { escapeMrkdwn } from './slack-message';

// Slack user ids: U... or W... (Enterprise Grid), upper-case letters and digits.
const USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/** `<@U123>`, which Slack renders as the user's name; anything that is not a user id is shown escaped, never as markup. */
export function mentionUser(userId: string): string {
  return USER_ID.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}
