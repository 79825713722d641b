import { localIdOf, platformOf, storedPrincipalIdSchema } from '../../../src/chat/principal-id';
import { slackUserIdSchema } from '../slack-ids';
import { escapeMrkdwn } from './slack-message';

/**
 * `<@U123>`, which Slack renders as the user's name, for a Slack user's principal id (`slack:U123`)
 * or a bare Slack user id stored before the chat seam; anything that is not a Slack user's id is
 * shown escaped, never as markup.
 */
export function mentionUser(userId: string): string {
  const parsed = storedPrincipalIdSchema.safeParse(userId);
  if (!parsed.success || platformOf(parsed.data) !== 'slack') return escapeMrkdwn(userId);
  const localId = localIdOf(parsed.data);
  return slackUserIdSchema.safeParse(localId).success ? `<@${localId}>` : escapeMrkdwn(userId);
}
