import { targetOfAlert } from '../../src/access/scope-targets';
import type { FixKind } from '../../src/queue/job-schemas';
import { errorMessage } from '../../src/errors';
import { beforeAck } from '../ack-deadline';
import { recordAudit, slackAuditUser } from '../record-audit';
import type { WebDeps } from '../web-deps';
import { ButtonArgs, alertIdSchema, tellClicker } from './button-args';

/** A fix button: acks, then queues the `fix` job, which reads the alert and the cluster and answers. */
export function fixAlert(fix: FixKind, deps: WebDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const tell = tellClicker(deps, args);
    const { body } = args;
    const id = alertIdSchema.safeParse(args.action.value);
    if (!id.success) return tell(':warning: That button does not name a valid alert.');
    const channelId = body.channel?.id;
    if (!channelId || !body.response_url) return tell(':warning: That button can only be used in a channel.');
    try {
      // The alert's project and location must be ones the bot may touch: refused now, not by the job.
      const alert = await beforeAck(deps, deps.alerts.store.get(id.data));
      const refused = alert ? deps.scope.refusal(targetOfAlert(alert)) : undefined;
      if (refused !== undefined) {
        await recordAudit(deps, {
          kind: 'refused',
          user: slackAuditUser(body.user.id),
          action: `fix ${fix}`,
          detail: refused,
        });
        return tell(`:no_entry: ${refused}`);
      }
      await beforeAck(
        deps,
        deps.queue.enqueue(
          'fix',
          { replyTo: { responseUrl: body.response_url, userId: body.user.id, channelId }, alertId: id.data, fix },
          // One job per alert, fix and person: a double click runs it once.
          { jobId: `fix-${id.data}-${fix}-${body.user.id}-${Math.floor(Date.now() / 60_000)}` },
        ),
      );
      await recordAudit(deps, {
        kind: 'command',
        user: slackAuditUser(body.user.id),
        action: `fix ${fix}`,
        detail: `alert ${id.data}`,
      });
    } catch (err) {
      deps.logger.error({ err: errorMessage(err) }, 'could not queue a fix');
      return tell(
        ":warning: The bot's queue is not answering (Redis), so nothing was queued. Please try again in a minute.",
      );
    }
  };
}
