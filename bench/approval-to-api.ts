/**
 * Time from an Approve click (the signed block_actions request leaving the client) to the GKE
 * update call reaching the API fake, through Redis, BullMQ and a worker. Prints one JSON line.
 */
import { APPROVER, CHANNEL, messageText, startHarness } from '../test/support/bot-harness';
import { summarize } from './stats';

const N = Number(process.env.BENCH_APPROVALS ?? 20);

export async function benchApprovalToApi(): Promise<void> {
  const h = await startHarness();
  try {
    const samples: number[] = [];
    for (let i = 0; i < N; i++) {
      const action = i % 2 === 0 ? 'enable' : 'disable';
      const from = h.slack.calls.length;
      const after = (method: string, match: (text: string) => boolean = () => true) =>
        h.slack.waitFor(
          (c) =>
            c.method === method &&
            h.slack.calls.indexOf(c) >= from &&
            match(String(c.body.text ?? messageText(c.body))),
          20_000,
        );
      const posted = after('chat.postMessage');
      await h.command(`${action} shop --pool default-pool`);
      const actions = ((await posted).body.blocks as any[]).find((b) => b.type === 'actions');
      const updatesBefore = h.gke.requests.filter((r) => r.route === 'nodePools.update').length;
      const done = after('chat.update', (t) => / done$/.test(t));
      const clicked = performance.now();
      await h.click({
        action_id: 'imagestream_approve',
        value: actions.elements[0].value,
        user_id: APPROVER,
        channel_id: CHANNEL,
        message_ts: '1.1',
      });
      await done;
      const update = h.gke.requests.filter((r) => r.route === 'nodePools.update')[updatesBefore]!;
      samples.push(update.at - clicked);
    }
    console.log(JSON.stringify({ bench: 'approval-click-to-gke-update', unit: 'ms', ...summarize(samples) }));
  } finally {
    await h.stop();
  }
}
