import { toChatMessage } from '../../../../adapters/google-chat/cards/to-chat-message';
import { principalId } from '../../../../src/chat/principal-id';
import { type AlertView, alertMessage, stillHappeningMessage } from '../../../../src/render/alert-message';
import {
  APPROVE_ACTION_ID,
  DENY_ACTION_ID,
  type ApprovalView,
  approvalMessage,
} from '../../../../src/render/approval-message';
import { auditMessage } from '../../../../src/render/audit-message';
import { buttonsOf, cardText, chatMessageViolations, paragraphs } from './card-checks';

const approval: ApprovalView = {
  id: 'req-0123456789',
  action: 'enable',
  target: 'prod-1 (pool web) in us-east1, project acme',
  change: { from: false, to: true, poolsAffected: ['web'], notes: ['GKE recreates the nodes of pool web'] },
  requestedBy: principalId('gchat', 'users/123'),
  state: 'pending',
  expiresAt: Date.UTC(2030, 0, 2, 3, 4, 5),
};

const alert: AlertView = {
  id: 'alert-0123456789',
  key: { project: 'acme-prod', cluster: 'shop', class: 'permission_denied' },
  location: 'europe-west1-b',
  count: 3,
  nodes: ['gke-shop-default-pool-1a2b3c4d-x7k2'],
  nodesTotal: 1,
  firstSeen: '2030-01-02T03:04:05Z',
  lastSeen: '2030-01-02T03:14:05Z',
  sample: {
    message: 'level=fatal msg="rpc error: code = PermissionDenied <scope> & <users/all>"',
    insertId: 'abc123',
    node: 'gke-shop-default-pool-1a2b3c4d-x7k2',
  },
};

const actions = (view: Parameters<typeof toChatMessage>[0]) =>
  buttonsOf(toChatMessage(view)).map((b) => [
    b.onClick?.action?.function ?? b.onClick?.openLink?.url,
    b.onClick?.action?.parameters,
  ]);

describe('approval requests as Chat cards', () => {
  it('pending: the change, who asked, expiry, and Approve / Deny carrying the request id', () => {
    const body = toChatMessage(approvalMessage(approval));
    expect(chatMessageViolations(body)).toEqual([]);
    expect(body.cardsV2![0]!.card!.header).toEqual({ title: 'Enable image streaming: approval needed' });
    const text = cardText(body);
    expect(text).toContain('Image streaming: off → on');
    expect(text).toContain('Requested by @users/123');
    expect(text).toContain('⌛ Waiting for an approver. Expires 2030-01-02 03:04 UTC.');
    const value = [{ key: 'value', value: 'req-0123456789' }];
    expect(actions(approvalMessage(approval))).toEqual([
      [APPROVE_ACTION_ID, value],
      [DENY_ACTION_ID, value],
    ]);
    expect(body.fallbackText).toBe(
      'Enable image streaming on prod-1 (pool web) in us-east1, project acme: approval needed',
    );
  });

  it('decided: who decided and no buttons; every state renders', () => {
    for (const state of ['approved', 'denied', 'expired', 'running', 'done', 'failed'] as const) {
      const body = toChatMessage(
        approvalMessage({ ...approval, state, decidedBy: principalId('gchat', 'users/9'), result: 'HTTP 403 <x>' }),
      );
      expect(chatMessageViolations(body)).toEqual([]);
      expect(buttonsOf(body)).toEqual([]);
    }
  });

  it('huge: within limits, cut with the audit pointer, and the buttons stay', () => {
    const big = 'x<&>'.repeat(2_500);
    const body = toChatMessage(
      approvalMessage({
        ...approval,
        target: big,
        change: {
          from: true,
          to: false,
          poolsAffected: Array.from({ length: 500 }, (_, i) => `pool-${i}`),
          notes: Array.from({ length: 60 }, () => big),
        },
      }),
    );
    expect(chatMessageViolations(body)).toEqual([]);
    expect(cardText(body)).toContain('… cut: /imagestream audit has the full history');
    expect(buttonsOf(body).map((b) => b.text)).toEqual(['Approve', 'Deny']);
  });
});

describe('alerts as Chat cards', () => {
  it('what happened, where, the sample escaped in monospace, and fix and mute buttons with the alert id', () => {
    const body = toChatMessage(alertMessage(alert));
    expect(chatMessageViolations(body)).toEqual([]);
    expect(paragraphs(body).join('\n')).toContain(
      '<pre>level=fatal msg=&quot;rpc error: code = PermissionDenied &lt;scope&gt; &amp; &lt;users/all&gt;&quot;</pre>',
    );
    const buttons = buttonsOf(body);
    expect(buttons.map((b) => b.onClick?.action?.function)).toEqual([
      'imagestream_fix_replace_pool',
      'imagestream_fix_show_gcloud',
      'imagestream_mute_1h',
      'imagestream_mute_24h',
    ]);
    for (const b of buttons)
      expect(b.onClick?.action?.parameters).toEqual([{ key: 'value', value: 'alert-0123456789' }]);
    const quota = buttonsOf(toChatMessage(alertMessage({ ...alert, key: { ...alert.key, class: 'quota_exceeded' } })));
    expect(quota.some((b) => b.onClick?.openLink?.url?.includes('project=acme-prod'))).toBe(true);
  });

  it('every class, muted, huge samples and many nodes: within limits, buttons kept', () => {
    for (const cls of [
      'permission_denied',
      'quota_exceeded',
      'symlink_rename',
      'failed_precondition',
      'invalid_argument',
    ] as const) {
      const body = toChatMessage(
        alertMessage({
          ...alert,
          key: { ...alert.key, class: cls },
          count: 123_456,
          nodes: Array.from({ length: 20 }, (_, i) => `gke-shop-default-pool-${i}`),
          nodesTotal: 9_999,
          mutedUntil: Date.UTC(2030, 0, 3),
          sample: { ...alert.sample, message: '<&>'.repeat(20_000), image: 'i'.repeat(5_000) },
        }),
      );
      expect(chatMessageViolations(body)).toEqual([]);
      expect(buttonsOf(body).length).toBeGreaterThan(1);
    }
    const still = toChatMessage(stillHappeningMessage(alert, 42));
    expect(chatMessageViolations(still)).toEqual([]);
    expect(cardText(still)).toContain('Still happening: 42 more');
  });
});

describe('the audit log as a Chat card', () => {
  it('one line per event; 1,000 events with 10 KB details stay within limits with the pointer', () => {
    const small = toChatMessage(
      auditMessage([
        {
          at: Date.UTC(2030, 0, 1),
          kind: 'requested',
          requestId: 'req-1',
          user: 'gchat:users/5',
          action: 'enable',
          target: 'prod-1',
        },
      ]),
    );
    expect(chatMessageViolations(small)).toEqual([]);
    expect(cardText(small)).toContain('2030-01-01 00:00 UTC requested enable prod-1 by @users/5 request req-1');
    const events = Array.from({ length: 1000 }, (_, i) => ({
      at: i * 1000,
      kind: 'done',
      requestId: `req-${i}`,
      detail: 'd'.repeat(10_000),
    }));
    const body = toChatMessage(auditMessage(events));
    expect(chatMessageViolations(body)).toEqual([]);
    expect(cardText(body)).toMatch(/cut/);
  });
});
