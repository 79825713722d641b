import { UsageError } from '../errors';

/**
 * A value handed to the classifier is not a Cloud Logging LogEntry. It is a UsageError so that
 * the CLI reports it as bad input (one line, exit 2) without a stack; the message starts with
 * "not a LogEntry: " and says what was wrong.
 */
export class EntryError extends UsageError {
  constructor(why: string) {
    super(`not a LogEntry: ${why}`);
    this.name = 'EntryError';
  }
}
