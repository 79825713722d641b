import { UsageError, errorMessage } from '../../src/errors';
import { beforeAck } from '../ack-deadline';
import { renderAudit } from '../../src/slack/render-audit';
import { Subcommand, ephemeral } from './subcommand';

/** `/imagestream audit [N]`: the last N requests, approvals, denials and results (default 10, at most 100). */
export const audit: Subcommand = {
  name: 'audit',
  handle: async (args, _command, deps) => {
    if (args.length > 1 || (args[0] !== undefined && !/^\d{1,3}$/.test(args[0]))) {
      throw new UsageError('audit takes one number, the count of events to show (1-100)');
    }
    const n = Math.min(100, Math.max(1, Number(args[0] ?? 10)));
    try {
      return { message: renderAudit(await beforeAck(deps, deps.audit.recent(n))), responseType: 'ephemeral' };
    } catch (err) {
      deps.logger.error({ err: errorMessage(err) }, 'could not read the audit log');
      return {
        ...ephemeral(
          ":warning: The bot's queue is not answering (Redis), so the audit log cannot be read. Please try again in a minute.",
        ),
        outcome: 'error',
      };
    }
  },
};
