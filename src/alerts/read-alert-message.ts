import { ClassifiedEntry, classifyEntry } from '../classifier/classify-entry';
import { errorMessage } from '../errors';

/** Pub/Sub allows 10 MB; Cloud Logging entries stay under 256 KB, so anything past 1 MB is not one of ours. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** A sink message's entry, classified, or why the message is poison (never redelivered). */
export type AlertMessage = { entry: ClassifiedEntry } | { poison: string };

/** Reads one sink message (`data` is one LogEntry JSON, docs/image-streaming.md); never throws. */
export function readAlertMessage(data: Buffer): AlertMessage {
  if (data.length > MAX_MESSAGE_BYTES) return { poison: `larger than ${MAX_MESSAGE_BYTES} bytes (${data.length})` };
  let value: unknown;
  try {
    value = JSON.parse(data.toString('utf8'));
  } catch (err) {
    return { poison: `not JSON: ${errorMessage(err).slice(0, 200)}` };
  }
  try {
    return { entry: classifyEntry(value) };
  } catch (err) {
    // EntryError ("not a LogEntry: ...") is the expected case; anything else is input we cannot
    // read either, and must not take the subscriber down.
    return { poison: errorMessage(err).slice(0, 200) };
  }
}
