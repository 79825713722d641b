import { slackUserIdSchema } from '../queue/job-schemas';
import { escapeMrkdwn } from './slack-message';

/**
 * `<@U123>`, which Slack renders as the user's name, for a Slack user id or a Slack principal id
 * (`slack:U123`, as approval records and audit events hold them); anything else is shown escaped,
 * never as markup.
 */
export function mentionUser(userId: string): string {
  const local = userId.startsWith('slack:') ? userId.slice('slack:'.length) : userId;
  return slackUserIdSchema.safeParse(local).success ? `<@${local}>` : escapeMrkdwn(userId);
}
