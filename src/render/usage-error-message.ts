import type { DocumentBlock, MessageDocument } from '../chat/message-document';
import { code, emoji, rich } from '../chat/rich-text';
import { SUBCOMMAND_USAGE, isSubcommand } from '../commands/catalogue';

/**
 * The private reply to bad input: what was wrong, then the usage of the subcommand the user
 * meant (or a pointer to help when the subcommand itself was the problem).
 */
export function usageErrorMessage(message: string, subcommand?: string): MessageDocument {
  const blocks: DocumentBlock[] = [{ type: 'text', text: rich`${emoji('warning')} ${message}` }];
  if (subcommand !== undefined && isSubcommand(subcommand)) {
    const { usage, example } = SUBCOMMAND_USAGE[subcommand];
    blocks.push({ type: 'text', text: rich`Usage: ${code(`/imagestream ${usage}`)}\nExample: ${code(example)}` });
  }
  blocks.push({ type: 'context', text: rich`${code('/imagestream help')} lists every subcommand.` });
  return {
    summary: rich`imagestream: ${message}`,
    blocks,
    cut: rich`${code('/imagestream help')} lists every subcommand`,
  };
}
