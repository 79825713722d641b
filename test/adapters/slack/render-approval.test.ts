import {
  APPROVE_ACTION_ID,
  ApprovalView,
  DENY_ACTION_ID,
  renderApproval,
} from '../../../adapters/slack/render/render-approval';
import { allText, slackLimitViolations } from '../../support/slack-limits';
import { type PrincipalId, principalId } from '../../../src/chat/principal-id';

const base: ApprovalView = {
  id: 'req-0123456789',
  action: 'enable',
  target: 'prod-1 (pool web) in us-east1, project acme',
  change: { from: false, to: true, poolsAffected: ['web'], notes: ['GKE recreates the nodes of pool web'] },
  requestedBy: principalId('slack', 'U0REQUESTER'),
  state: 'pending',
  expiresAt: Date.UTC(2030, 0, 2, 3, 4, 5),
};

const APPROVER = principalId('slack', 'U0APPROVER');

type Button = { type: string; action_id: string; value: string; style?: string };
const buttonsOf = (view: ApprovalView): Button[] =>
  renderApproval(view).blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as Button[]) : []));

describe('renderApproval', () => {
  it('pending: shows the change and Approve/Deny buttons carrying the request id', () => {
    const message = renderApproval(base);
    const text = allText(message);
    expect(text).toContain('prod-1 (pool web) in us-east1, project acme');
    expect(text).toContain('off → on');
    expect(text).toContain('Node pools affected: web');
    expect(text).toContain('GKE recreates the nodes of pool web');
    expect(text).toContain('Requested by <@U0REQUESTER>');
    expect(text).toContain('<!date^1893553445^');
    expect(buttonsOf(base)).toEqual([
      expect.objectContaining({ action_id: APPROVE_ACTION_ID, style: 'primary', value: 'req-0123456789' }),
      expect.objectContaining({ action_id: DENY_ACTION_ID, style: 'danger', value: 'req-0123456789' }),
    ]);
    expect(APPROVE_ACTION_ID).toBe('imagestream_approve');
    expect(DENY_ACTION_ID).toBe('imagestream_deny');
    expect(slackLimitViolations(message)).toEqual([]);
  });

  it.each([
    ['approved', { decidedBy: APPROVER }, ['Approved by <@U0APPROVER>', 'Queued']],
    ['denied', { decidedBy: APPROVER }, ['Denied by <@U0APPROVER>', 'Nothing was changed']],
    ['expired', {}, ['Expired', 'run the command again']],
    [
      'running',
      { decidedBy: APPROVER, progress: 'operation-123 RUNNING' },
      ['Approved by <@U0APPROVER>', 'Running: operation-123 RUNNING'],
    ],
    [
      'done',
      { decidedBy: APPROVER, result: 'gcfsConfig.enabled is now true' },
      ['Done: gcfsConfig.enabled is now true'],
    ],
    [
      'failed',
      { decidedBy: APPROVER, result: 'Required "container.clusters.update" permission(s) for "projects/acme"' },
      ['Failed: Required "container.clusters.update" permission(s) for "projects/acme"'],
    ],
  ] as const)('%s: no buttons, and says so', (state, extra, expected) => {
    const view = { ...base, state, ...extra } as ApprovalView;
    const message = renderApproval(view);
    expect(buttonsOf(view)).toEqual([]);
    for (const phrase of expected) expect(allText(message)).toContain(phrase);
    expect(message.text).toContain(state === 'approved' ? 'approved' : state);
  });

  it('escapes remote text and never turns a non-id into a mention', () => {
    const message = renderApproval({
      ...base,
      state: 'failed',
      // Not a principal id: a view built from bad data must still never mention anyone.
      decidedBy: '<!channel>' as PrincipalId,
      target: '<!here> & co',
      result: 'error <b>',
    });
    const text = allText(message);
    expect(text).not.toMatch(/<!(channel|here)>/);
    expect(text).toContain('&lt;!here&gt; &amp; co');
    expect(text).toContain('error &lt;b&gt;');
  });

  it('stays within limits with 10 KB strings and many pools', () => {
    const big = 'x'.repeat(10_000);
    const view: ApprovalView = {
      ...base,
      target: big,
      change: {
        from: true,
        to: false,
        poolsAffected: Array.from({ length: 500 }, (_, i) => `pool-${i}`),
        notes: Array.from({ length: 60 }, () => big),
      },
    };
    expect(slackLimitViolations(renderApproval(view))).toEqual([]);
    // The buttons survive even when notes overflow the block budget.
    expect(buttonsOf(view)).toHaveLength(2);
  });
});
