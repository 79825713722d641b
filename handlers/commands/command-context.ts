import type { PrincipalId } from '../../src/chat/principal-id';
import type { ReplyTo } from '../../src/queue/job-schemas';

/** Who asked, and where a queued job's answer goes. */
export interface CommandContext {
  /** Null when the platform's user id is not of a shape the bot accepts. */
  requester: PrincipalId | null;
  /** The job's reply target, passed through as the adapter built it. */
  replyTo: ReplyTo;
}
