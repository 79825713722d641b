import { toSlackMessage } from '../../adapters/slack/block-kit/to-slack-message';
import type { VerifyResult } from '../gke/verify-streaming';
import { verifyMessage } from '../render/verify-message';
import type { SlackMessage } from './slack-message';

/** `/imagestream verify` in Block Kit (src/render/verify-message.ts builds it). */
export function renderVerify(result: VerifyResult): SlackMessage {
  return toSlackMessage(verifyMessage(result));
}
