/** What counts as a Chat event in a Pub/Sub message, and what is poison (acked, never retried). */
import {
  pubsubMessageIdSchema,
  readChatEventMessage,
} from '../../../../adapters/google-chat/pubsub/read-chat-event-message';
import { slashCommandEvent } from './chat-events';

const data = (text: string) => Buffer.from(text, 'utf8');

describe('readChatEventMessage', () => {
  it('reads the event JSON Chat publishes as the message data', () => {
    const event = slashCommandEvent(1);
    expect(readChatEventMessage(data(JSON.stringify(event)))).toEqual({ event });
  });

  it('calls anything that is not a JSON object poison, without quoting the data', () => {
    expect(readChatEventMessage(data('/imagestream enable private-cluster'))).toEqual({
      poison: 'not JSON (35 bytes)',
    });
    expect(readChatEventMessage(data('[{"type":"MESSAGE"}]'))).toEqual({ poison: 'not a JSON object (an array)' });
    expect(readChatEventMessage(data('null'))).toEqual({ poison: 'not a JSON object (null)' });
    expect(readChatEventMessage(data('"MESSAGE"'))).toEqual({ poison: 'not a JSON object (string)' });
    expect(readChatEventMessage(data(''))).toEqual({ poison: 'not JSON (0 bytes)' });
  });
});

describe('pubsubMessageIdSchema', () => {
  it("accepts Pub/Sub's numeric ids and the emulator's, nothing that could bend a Redis key", () => {
    expect(pubsubMessageIdSchema.safeParse('12345678901234567').success).toBe(true);
    expect(pubsubMessageIdSchema.safeParse('m12').success).toBe(true);
    expect(pubsubMessageIdSchema.safeParse('').success).toBe(false);
    expect(pubsubMessageIdSchema.safeParse('a:b*').success).toBe(false);
  });
});
