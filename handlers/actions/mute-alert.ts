import { alertIdSchema } from '../../src/alerts/alert-id';
import { type MessageDocument, textMessage } from '../../src/chat/message-document';
import { emoji, rich } from '../../src/chat/rich-text';
import { errorMessage } from '../../src/errors';
import { recordAudit } from '../record-audit';
import type { WebDeps } from '../web-deps';
import type { ButtonClick } from './button-click';
import { CLICK_ANSWERS } from './click-answers';

/** "Mute this problem for N h" clicked on an alert. */
export interface MuteInput extends ButtonClick {
  hours: number;
}

/**
 * "Mute this problem for 1 h / 24 h", for every platform: mutes the problem (project, cluster,
 * class), not only this message, so new entries change nothing until then; the alert message says
 * until when. With IMAGESTREAM_MUTE_BY=approvers only approvers may. Returns what to tell the
 * clicker; never throws.
 */
export async function muteAlert(input: MuteInput, deps: WebDeps): Promise<MessageDocument> {
  const { hours, clicker } = input;
  try {
    const id = alertIdSchema.safeParse(input.value);
    if (!id.success) return CLICK_ANSWERS.invalidAlert;
    if (deps.config.IMAGESTREAM_MUTE_BY === 'approvers') {
      if (!clicker) return CLICK_ANSWERS.unknownClicker;
      const check = await deps.approvers.canAct(clicker, 'mute alerts');
      if (!check.allowed) return textMessage(rich`${emoji('no_entry')} ${check.reason}`);
    }
    const muted = await deps.alerts.store.muteProblem(id.data, hours * 3600_000);
    if (!muted) return textMessage(rich`${emoji('warning')} That alert no longer exists.`);
    const { alert } = muted;
    // The problem's message on every destination (Slack and Google Chat) says it is muted.
    for (const alertId of [alert.id, ...muted.alsoMuted]) await deps.alerts.outbox.update(alertId);
    await recordAudit(deps, {
      kind: 'command',
      user: clicker ?? undefined,
      action: `mute ${hours}h`,
      target: `${alert.key.cluster} in ${alert.key.project}`,
      detail: alert.key.class,
    });
    return textMessage(rich`${emoji('mute')} Muted ${alert.key.class} on ${alert.key.cluster} for ${hours} h.`);
  } catch (err) {
    deps.logger.error({ err: errorMessage(err) }, 'could not mute an alert');
    return textMessage(rich`${emoji('warning')} Could not mute that alert; please try again in a minute.`);
  }
}
