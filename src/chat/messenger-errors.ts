import { RemoteError } from '../errors';

/**
 * The platform answered, and did not take the message: nothing was posted (it refused the call,
 * answered an HTTP error, or rate-limited it). A call that got no answer may have posted, and is
 * never this error. `final` when asking again gives the same answer (the bot is not in the
 * channel, the message is malformed); false when it may pass (rate limited, the platform down).
 * The message is meant for the person who asked.
 */
export class NotPostedError extends RemoteError {
  constructor(
    message: string,
    readonly final: boolean,
  ) {
    super(message);
    this.name = 'NotPostedError';
  }
}

/**
 * The process is stopping and an answer was not delivered: unlike every other failure of a reply,
 * worth another try by another worker.
 */
export class ReplyStoppedError extends RemoteError {
  constructor() {
    super('stopping: the reply was not delivered');
    this.name = 'ReplyStoppedError';
  }
}

/** No adapter on this worker serves the platform a payload names: asking again changes nothing. */
export class NoMessengerError extends Error {
  constructor(readonly platform: string) {
    super(`no messenger for platform ${JSON.stringify(platform.slice(0, 20))} on this worker`);
    this.name = 'NoMessengerError';
  }
}
