import type { ApprovalState } from './approval-request';

/**
 * A job asked for a state move the request cannot make (it is gone, or already done/failed, or
 * not yet approved). Not worth retrying: a BullMQ processor should stop on it.
 */
export class ApprovalStateError extends Error {
  constructor(
    message: string,
    /** `not_found`: no such request (or an id we never issue); `bad_transition`: not from this state. */
    readonly reason: 'not_found' | 'bad_transition',
    /** The state the request was in, for `bad_transition`. */
    readonly state?: ApprovalState,
  ) {
    super(message);
    this.name = 'ApprovalStateError';
  }
}
