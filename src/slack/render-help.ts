import { toSlackMessage } from '../../adapters/slack/block-kit/to-slack-message';
import { helpMessage } from '../render/help-message';
import type { SlackMessage } from './slack-message';

/** `/imagestream help` in Block Kit (src/render/help-message.ts builds it). */
export function renderHelp(): SlackMessage {
  return toSlackMessage(helpMessage());
}
