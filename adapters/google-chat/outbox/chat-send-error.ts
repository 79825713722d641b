import { type ChatApiFailure, chatApiFailure } from '../chat-api/chat-api-failure';

/** The Chat API call an outbox write was making when it failed. */
export type ChatCallKind = 'create' | 'patch' | 'get';

/**
 * A failed outbox write, with the call it failed in: a 404 means "the space is gone or hidden
 * from the app" on a create, but "the message is gone" on a patch, and classify sorts them apart.
 */
export class ChatSendError extends Error {
  readonly failure: ChatApiFailure;

  constructor(
    readonly call: ChatCallKind,
    cause: unknown,
  ) {
    const failure = chatApiFailure(cause);
    super(
      `Chat API ${call}: ${failure.httpStatus ?? 'no answer'}${failure.status ? ` ${failure.status}` : ''}: ${failure.message}`,
    );
    this.name = 'ChatSendError';
    this.failure = failure;
  }
}

/** Runs one call, turning its failure into a ChatSendError that names the call. */
export async function sendCall<T>(call: ChatCallKind, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    throw new ChatSendError(call, err);
  }
}
