import { slackUserIdSchema } from '../queue/job-schemas';
import { escapeMrkdwn } from './slack-message';

/** `<@U123>`, which Slack renders as the user's name; anything that is not a user id is shown escaped, never as markup. */
export function mentionUser(userId: string): string {
  return slackUserIdSchema.safeParse(userId).success ? `<@${userId}>` : escapeMrkdwn(userId);
}
