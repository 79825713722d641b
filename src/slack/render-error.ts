import { contextBlock, sectionBlock } from './block-builders';
import { SlackMessage, escapeMrkdwn, fitMessage } from './slack-message';

/**
 * A job that failed for good: what failed, in the error's own words (which name the missing
 * permission or resource), and what to do next. Never a stack: only the message is shown.
 */
export function renderJobError(message: string): SlackMessage {
  const blocks = [
    sectionBlock(`:x: *That did not work.*\n${escapeMrkdwn(message)}`),
    contextBlock(
      'A permission or a name is usually the cause: fix what the message says and run the command again. ' +
        'If it says the API is unavailable, try again in a few minutes.',
    ),
  ];
  return fitMessage(
    { text: `imagestream: ${escapeMrkdwn(message)}`, blocks },
    "… cut: the bot's logs have the full error",
  );
}
