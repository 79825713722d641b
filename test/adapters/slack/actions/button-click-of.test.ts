/** A Slack block_actions click as the core's ButtonClick: who, where, which message, where a job answers. */
import { buttonClickOf } from '../../../../adapters/slack/actions/button-click-of';
import type { ButtonArgs } from '../../../../adapters/slack/actions/button-args';
import { principalId } from '../../../../src/chat/principal-id';

type Args = Pick<ButtonArgs, 'body' | 'action'>;

const clickIn = (body: Record<string, unknown>, value = 'alert-0001'): Args =>
  ({ body: { type: 'block_actions', user: { id: 'U0ALICE01' }, ...body }, action: { value } }) as unknown as Args;

it('maps a click in a channel: the clicker, the channel, the message and the reply target', () => {
  const click = buttonClickOf(
    clickIn({
      channel: { id: 'C0OPS' },
      message: { ts: '1700000000.000100' },
      response_url: 'https://hooks.slack.com/actions/T1/1/x',
    }),
  );
  expect(click).toEqual({
    value: 'alert-0001',
    clicker: principalId('slack', 'U0ALICE01'),
    where: { platform: 'slack', space: 'C0OPS' },
    message: { platform: 'slack', space: 'C0OPS', message: '1700000000.000100' },
    replyTo: {
      conversation: { platform: 'slack', space: 'C0OPS', replyHandle: 'https://hooks.slack.com/actions/T1/1/x' },
      requester: 'slack:U0ALICE01',
    },
  });
});

it('maps a click on the App Home: no conversation, no message, nowhere for a job to answer', () => {
  expect(buttonClickOf(clickIn({ container: { type: 'view' } }))).toEqual({
    value: 'alert-0001',
    clicker: principalId('slack', 'U0ALICE01'),
  });
});

it('leaves out what is not of Slack shape: a user id is then no clicker', () => {
  const click = buttonClickOf(
    clickIn({ user: { id: '<!channel>' }, channel: { id: 'C0 OPS' }, message: { ts: '<x>' } }, 'v'),
  );
  expect(click).toEqual({ value: 'v', clicker: null });
});
