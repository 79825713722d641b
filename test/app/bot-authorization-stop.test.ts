/**
 * A failed auth.test is retried by botAuthorization on a later request, never by the Web API
 * client inside the call: such a retry chain (up to a minute) outlived stop() and kept the process
 * (and Jest) alive.
 */
import { startFakeSlack } from '../fakes/slack-api';
import { startHarness } from '../support/bot-harness';
import { until } from '../support/until';

it('makes one auth.test attempt at start when Slack fails it, and none after stop', async () => {
  const slack = await startFakeSlack();
  slack.failNext('auth.test', 1000, { status: 500 });
  const attempts = () => slack.rejected.filter((c) => c.method === 'auth.test').length;
  const h = await startHarness({}, { slack });
  try {
    await until(() => attempts() >= 1, 15_000, 'the first auth.test');
  } finally {
    await h.stop();
  }
  // The client's own retry would come 0.25 to 0.5 s after the failure: give it three times that.
  const retried = await until(() => attempts() > 1, 1500, 'a retried auth.test').then(
    () => true,
    () => false,
  );
  await slack.close();
  expect({ retried, attempts: attempts() }).toEqual({ retried: false, attempts: 1 });
});
