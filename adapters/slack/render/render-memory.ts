import { toSlackMessage } from '../block-kit/to-slack-message';
import { memoryMessage } from '../../../src/render/memory-message';
import type { SlackMessage } from '../block-kit/slack-message';

/** `/imagestream memory` in Block Kit (src/render/memory-message.ts builds it). */
export function renderMemory(target: { memoryGiB: number; machineType?: string }, reservedMiB: number): SlackMessage {
  return toSlackMessage(memoryMessage(target, reservedMiB));
}
