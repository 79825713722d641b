import type { PrincipalId } from '../../src/chat/principal-id';
import type { ReplyTo } from '../../src/queue/job-schemas';

/** Who asked, and where a queued job's answer goes. */
export interface CommandContext {
  requester: PrincipalId;
  /** The job's reply target, passed through as the adapter built it. */
  replyTo: ReplyTo;
}
