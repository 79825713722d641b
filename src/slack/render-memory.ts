import { toSlackMessage } from '../../adapters/slack/block-kit/to-slack-message';
import { memoryMessage } from '../render/memory-message';
import type { SlackMessage } from './slack-message';

/** `/imagestream memory` in Block Kit (src/render/memory-message.ts builds it). */
export function renderMemory(target: { memoryGiB: number; machineType?: string }, reservedMiB: number): SlackMessage {
  return toSlackMessage(memoryMessage(target, reservedMiB));
}
