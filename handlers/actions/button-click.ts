import type { ConversationRef, MessageRef } from '../../src/chat/conversation-ref';
import type { PrincipalId } from '../../src/chat/principal-id';
import type { JobPayload } from '../../src/queue/job-schemas';

/** Where a `fix` job answers the clicker: the job payload's own shape, built by the adapter. */
export type FixReplyTo = JobPayload<'fix'>['replyTo'];

/** A click on one of the bot's buttons, as a chat adapter hands it over. */
export interface ButtonClick {
  /** The button's value as the client sent it: never trusted (the cores check its shape). */
  value: string | undefined;
  /**
   * Who clicked; null when the platform sent a user id of a shape the bot does not accept: nothing
   * that needs to know who acted (a decision, a mute by approvers) is done for them.
   */
  clicker: PrincipalId | null;
  /** The conversation the button was clicked in; absent on a surface that is none (Slack's App Home). */
  where?: ConversationRef;
  /** The message the button is on, when the platform says. */
  message?: MessageRef;
  /**
   * Where a queued job answers (the fix buttons), passed through as the adapter built it; absent
   * when the click gave no way to answer there (no channel, no reply handle).
   */
  replyTo?: FixReplyTo;
}
