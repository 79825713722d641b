import type { AlertStore } from './alert-store';
import type { AlertOutbox } from './outbox';
import type { RecordOutcome } from './problem';

/**
 * What each recorded entry does in the chat: a new problem posts, a known one updates, a late one
 * replies in the thread and updates the message too (that entry is counted on it as well: without
 * the update, a problem whose last entry opened a window would show one entry less for good).
 */
export async function outcomeToOutbox(
  outcome: RecordOutcome,
  outbox: Pick<AlertOutbox, 'post' | 'update' | 'stillHappening'>,
  store: Pick<AlertStore, 'markReported'>,
): Promise<void> {
  switch (outcome.kind) {
    case 'new':
      return outbox.post(outcome.alert.id);
    case 'updated':
      return outbox.update(outcome.alert.id);
    case 'still_happening':
      // Keyed by the window, so a redelivered message cannot reply twice.
      await outbox.stillHappening(outcome.alert.id, outcome.count, outcome.alert.windowStartedAt);
      await store.markReported(outcome.alert.id, outcome.count);
      return outbox.update(outcome.alert.id);
    default:
      return;
  }
}
