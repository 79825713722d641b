import { contextBlock, headerBlock, sectionBlock } from './block-builders';
import { codeSpan } from './code-span';
import { SlackMessage, escapeMrkdwn, fitMessage } from './slack-message';
import { SUBCOMMANDS, SUBCOMMAND_USAGE } from './subcommand-usage';

/** `/imagestream help`: every subcommand, what it answers, and an example to copy. */
export function renderHelp(): SlackMessage {
  const blocks = [
    headerBlock('/imagestream: GKE Image Streaming from Slack'),
    ...SUBCOMMANDS.map((name) => {
      const { usage, summary, example } = SUBCOMMAND_USAGE[name];
      return sectionBlock(
        `*${codeSpan(`/imagestream ${usage}`)}*\n${escapeMrkdwn(summary)}\nExample: ${codeSpan(example)}`,
      );
    }),
    contextBlock(
      '`--location` and `--project` may be left out when the bot is configured with defaults. ' +
        '`enable` and `disable` change nothing until an approver clicks Approve.',
    ),
  ];
  const text = `/imagestream subcommands: ${SUBCOMMANDS.join(', ')}`;
  return fitMessage({ text, blocks }, 'see the README for the full reference');
}
