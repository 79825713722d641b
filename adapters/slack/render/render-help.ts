import { toSlackMessage } from '../block-kit/to-slack-message';
import { helpMessage } from '../../../src/render/help-message';
import type { SlackMessage } from '../block-kit/slack-message';

/** `/imagestream help` in Block Kit (src/render/help-message.ts builds it). */
export function renderHelp(): SlackMessage {
  return toSlackMessage(helpMessage());
}
