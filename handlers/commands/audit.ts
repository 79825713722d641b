import { emoji, rich } from '../../src/chat/rich-text';
import { errorMessage } from '../../src/errors';
import { auditMessage } from '../../src/render/audit-message';
import { beforeAck } from '../ack-deadline';
import { privateError } from './command-reply';
import type { Executor } from './executor';

/** `audit [N]`: the last N requests, approvals, denials and results. */
export const audit: Executor<'audit'> = async ({ count }, _context, deps) => {
  try {
    return { message: auditMessage(await beforeAck(deps, deps.audit.recent(count))), visibility: 'private' };
  } catch (err) {
    deps.logger.error({ err: errorMessage(err) }, 'could not read the audit log');
    return privateError(
      rich`${emoji('warning')} The bot's queue is not answering (Redis), so the audit log cannot be read. Please try again in a minute.`,
    );
  }
};
