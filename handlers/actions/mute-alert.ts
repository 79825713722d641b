import { toMrkdwn } from '../../adapters/slack/block-kit/to-mrkdwn';
import { principalId } from '../../src/chat/principal-id';
import { errorMessage } from '../../src/errors';
import { recordAudit, slackAuditUser } from '../record-audit';
import type { WebDeps } from '../web-deps';
import { ButtonArgs, alertIdSchema, tellClicker } from './button-args';

/**
 * "Mute this problem for 1 h / 24 h": mutes the problem (project, cluster, class), not only this
 * message, so new entries change nothing until then; the alert message says until when.
 */
export function muteAlert(hours: number, deps: WebDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const tell = tellClicker(deps, args);
    const userId = args.body.user.id;
    try {
      const id = alertIdSchema.safeParse(args.action.value);
      if (!id.success) return tell(':warning: That button does not name a valid alert.');
      if (deps.config.IMAGESTREAM_MUTE_BY === 'approvers') {
        const check = await deps.approvers.canAct(principalId('slack', userId), 'mute alerts');
        if (!check.allowed) return tell(`:no_entry: ${toMrkdwn(check.reason)}`);
      }
      const alert = await deps.alerts.store.mute(id.data, hours * 3600_000);
      if (!alert) return tell(':warning: That alert no longer exists.');
      await deps.alerts.outbox.update(alert.id);
      await recordAudit(deps, {
        kind: 'command',
        user: slackAuditUser(userId),
        action: `mute ${hours}h`,
        target: `${alert.key.cluster} in ${alert.key.project}`,
        detail: alert.key.class,
      });
      return tell(`:mute: Muted ${alert.key.class} on ${alert.key.cluster} for ${hours} h.`);
    } catch (err) {
      deps.logger.error({ err: errorMessage(err) }, 'could not mute an alert');
      return tell(':warning: Could not mute that alert; please try again in a minute.');
    }
  };
}
