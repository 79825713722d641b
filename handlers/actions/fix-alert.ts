import { targetOfAlert } from '../../src/access/scope-targets';
import { alertIdSchema } from '../../src/alerts/alert-id';
import { type MessageDocument, textMessage } from '../../src/chat/message-document';
import { localIdOf, platformOf } from '../../src/chat/principal-id';
import { emoji, rich } from '../../src/chat/rich-text';
import { errorMessage } from '../../src/errors';
import type { FixKind } from '../../src/queue/job-schemas';
import { beforeAck } from '../ack-deadline';
import { recordAudit } from '../record-audit';
import type { WebDeps } from '../web-deps';
import type { ButtonClick } from './button-click';
import { CLICK_ANSWERS } from './click-answers';

/** One of an alert's fix buttons clicked. */
export interface FixInput extends ButtonClick {
  fix: FixKind;
}

/**
 * A fix button, for every platform: refuses an alert outside the allow-list at the click, else
 * queues the `fix` job (which reads the alert and the cluster and answers at `replyTo`). Its Redis
 * calls have the ack path's deadline. Returns what to tell the clicker, if anything; never throws.
 */
export async function fixAlert(input: FixInput, deps: WebDeps): Promise<MessageDocument | undefined> {
  const { fix, clicker, replyTo } = input;
  const id = alertIdSchema.safeParse(input.value);
  if (!id.success) return CLICK_ANSWERS.invalidAlert;
  if (!replyTo) return textMessage(rich`${emoji('warning')} That button can only be used in a channel.`);
  const user = clicker ?? undefined;
  try {
    // The alert's project and location must be ones the bot may touch: refused now, not by the job.
    const alert = await beforeAck(deps, deps.alerts.store.get(id.data));
    const refused = alert ? deps.scope.refusal(targetOfAlert(alert)) : undefined;
    if (refused !== undefined) {
      await recordAudit(deps, { kind: 'refused', user, action: `fix ${fix}`, detail: refused });
      return textMessage(rich`${emoji('no_entry')} ${refused}`);
    }
    // Platform and id: the same local id on two platforms is two people. (A job id takes no ':'.)
    const who = clicker ? `${platformOf(clicker)}-${localIdOf(clicker)}` : 'unknown';
    await beforeAck(
      deps,
      deps.queue.enqueue(
        'fix',
        { replyTo, alertId: id.data, fix },
        // One job per alert, fix and person a minute: a double click runs it once.
        { jobId: `fix-${id.data}-${fix}-${who}-${Math.floor(Date.now() / 60_000)}` },
      ),
    );
    await recordAudit(deps, { kind: 'command', user, action: `fix ${fix}`, detail: `alert ${id.data}` });
    return undefined;
  } catch (err) {
    deps.logger.error({ err: errorMessage(err) }, 'could not queue a fix');
    return textMessage(
      rich`${emoji('warning')} The bot's queue is not answering (Redis), so nothing was queued. Please try again in a minute.`,
    );
  }
}
