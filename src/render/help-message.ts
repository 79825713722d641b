import type { MessageDocument } from '../chat/message-document';
import { boldCode, code, rich } from '../chat/rich-text';
import { SUBCOMMANDS, SUBCOMMAND_USAGE } from '../commands/catalogue';

/** `/imagestream help`: every subcommand, what it answers, and an example to copy (from the catalogue). */
export function helpMessage(): MessageDocument {
  return {
    summary: rich`/imagestream subcommands: ${SUBCOMMANDS.join(', ')}`,
    blocks: [
      { type: 'header', text: '/imagestream: GKE Image Streaming from chat' },
      ...SUBCOMMANDS.map((name) => {
        const { usage, summary, example } = SUBCOMMAND_USAGE[name];
        return {
          type: 'text' as const,
          text: rich`${boldCode(`/imagestream ${usage}`)}\n${summary}\nExample: ${code(example)}`,
        };
      }),
      {
        type: 'context',
        text: rich`${code('--location')} and ${code('--project')} may be left out when the bot is configured with defaults. ${code('enable')} and ${code('disable')} change nothing until an approver clicks Approve.`,
      },
    ],
    cut: rich`see the README for the full reference`,
  };
}
