/** A CARD_CLICKED as the core's click, from either form Chat sends. */
import { buttonClickOf } from '../../../adapters/google-chat/actions/button-click-of';
import { chatEventSchema } from '../../../adapters/google-chat/events/chat-event';
import { ADA, DM, SPACE, THREAD, cardClicked } from '../../support/google-chat-events';

const parse = (event: unknown) => chatEventSchema.parse(event);
const where = { platform: 'gchat', space: SPACE, thread: THREAD };

it('both forms give the same click: value, clicker, where, the card message and the fix reply target', () => {
  const common = buttonClickOf(parse(cardClicked('imagestream_approve', 'req-12345678', ADA, 'common')));
  const action = buttonClickOf(parse(cardClicked('imagestream_approve', 'req-12345678', ADA, 'action')));
  expect(common).toEqual(action);
  expect(common).toEqual({
    value: 'req-12345678',
    clicker: 'gchat:users/111',
    where,
    message: { platform: 'gchat', space: SPACE, message: `${SPACE}/messages/CARD1` },
    replyTo: { conversation: where, requester: 'gchat:users/111' },
  });
});

it('a card message named in another space is left out; a user of another shape clicks as nobody', () => {
  const event = cardClicked('imagestream_approve', 'req-12345678', { name: 'people/1' });
  const click = buttonClickOf(parse({ ...event, message: { ...event.message, name: 'spaces/OTHER/messages/M' } }));
  expect(click).toEqual({ value: 'req-12345678', clicker: null, where });
});

it('in a DM the click answers in the DM itself, not in its thread (Chat replies in threads of named spaces only)', () => {
  const event = cardClicked('imagestream_approve', 'req-12345678', ADA, 'common', { message: `${DM}/messages/CARD2` });
  const click = buttonClickOf(parse(event));
  expect(click.where).toEqual({ platform: 'gchat', space: DM });
  expect(click.replyTo).toEqual({ conversation: { platform: 'gchat', space: DM }, requester: 'gchat:users/111' });
});
