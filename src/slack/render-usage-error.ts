import type { KnownBlock } from '@slack/types';
import { contextBlock, sectionBlock } from './block-builders';
import { codeSpan } from './code-span';
import { SlackMessage, escapeMrkdwn, fitMessage } from './slack-message';
import { SUBCOMMAND_USAGE, isSubcommand } from './subcommand-usage';

/**
 * The ephemeral reply to bad input: what was wrong, then the usage of the subcommand the user
 * meant (or a pointer to help when the subcommand itself was the problem).
 */
export function renderUsageError(message: string, subcommand?: string): SlackMessage {
  const blocks: KnownBlock[] = [sectionBlock(`:warning: ${escapeMrkdwn(message)}`)];
  if (subcommand !== undefined && isSubcommand(subcommand)) {
    const { usage, example } = SUBCOMMAND_USAGE[subcommand];
    blocks.push(sectionBlock(`Usage: ${codeSpan(`/imagestream ${usage}`)}\nExample: ${codeSpan(example)}`));
  }
  blocks.push(contextBlock('`/imagestream help` lists every subcommand.'));
  return fitMessage(
    { text: `imagestream: ${escapeMrkdwn(message)}`, blocks },
    '`/imagestream help` lists every subcommand',
  );
}
