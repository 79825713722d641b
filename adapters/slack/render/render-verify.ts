import { toSlackMessage } from '../block-kit/to-slack-message';
import type { VerifyResult } from '../../../src/gke/verify-streaming';
import { verifyMessage } from '../../../src/render/verify-message';
import type { SlackMessage } from '../block-kit/slack-message';

/** `/imagestream verify` in Block Kit (src/render/verify-message.ts builds it). */
export function renderVerify(result: VerifyResult): SlackMessage {
  return toSlackMessage(verifyMessage(result));
}
