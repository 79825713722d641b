import { documentToText } from '../../src/chat/document-to-text';
import { principalId } from '../../src/chat/principal-id';
import { plainText } from '../../src/chat/rich-text';
import { type AlertView, alertMessage } from '../../src/render/alert-message';
import {
  APPROVE_ACTION_ID,
  DENY_ACTION_ID,
  type ApprovalView,
  approvalMessage,
} from '../../src/render/approval-message';
import { auditMessage } from '../../src/render/audit-message';

// What a reader on a platform other than Slack gets: the same messages, with no Slack markup in them.
const SLACK_MARKUP = /&lt;|&gt;|&amp;|<@|<!|<#|:[a-z_]+:/;

const approval: ApprovalView = {
  id: 'req-0123456789',
  action: 'enable',
  target: 'prod-1 (pool web) in us-east1, project <acme> & co',
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
  sample: { message: 'rpc error: code = PermissionDenied <scope> & more', insertId: 'abc123', node: null },
  mutedUntil: Date.UTC(2030, 0, 2, 4, 0, 0),
};

describe('neutral message documents as plain text', () => {
  it('an approval request: the change, who asked, when it expires, and Approve / Deny with the request id', () => {
    const text = documentToText(approvalMessage(approval));
    expect(text).not.toMatch(SLACK_MARKUP);
    expect(text).toContain('== Enable image streaming: approval needed ==');
    expect(text).toContain('Enable image streaming on prod-1 (pool web) in us-east1, project <acme> & co');
    expect(text).toContain('Image streaming: off → on');
    expect(text).toContain('Requested by gchat:users/123');
    expect(text).toContain('ℹ️ GKE recreates the nodes of pool web');
    expect(text).toContain('⌛ Waiting for an approver. Expires 2030-01-02 03:04:05 UTC.');
    expect(text).toContain(`[Approve](${APPROVE_ACTION_ID}:req-0123456789) [Deny](${DENY_ACTION_ID}:req-0123456789)`);
  });

  it('a decided request: who decided, and no buttons', () => {
    const doc = approvalMessage({
      ...approval,
      state: 'done',
      decidedBy: principalId('slack', 'U0APPROVER'),
      result: 'on',
    });
    const text = documentToText(doc);
    expect(text).toContain('Approved by slack:U0APPROVER.\n✅ Done: on');
    expect(text).not.toContain('[Approve]');
    expect(plainText(doc.summary)).toBe(
      'Enable image streaming on prod-1 (pool web) in us-east1, project <acme> & co: done',
    );
  });

  it('an alert: where, the sample line unescaped, the mute, and the fix and mute buttons with the alert id', () => {
    const text = documentToText(alertMessage(alert));
    expect(text).not.toMatch(SLACK_MARKUP);
    expect(text).toContain('3 errors on cluster shop in europe-west1-b, project acme-prod');
    expect(text).toContain('First seen 2030-01-02 03:04:05 UTC, last seen 2030-01-02 03:14:05 UTC');
    expect(text).toContain('\nrpc error: code = PermissionDenied <scope> & more\n');
    expect(text).toContain('🔇 Muted until 2030-01-02 04:00:00 UTC');
    expect(text).toContain(
      '[Create replacement node pool with the storage read scope](imagestream_fix_replace_pool:alert-0123456789)',
    );
    expect(text).toContain('[Mute this problem for 24 h](imagestream_mute_24h:alert-0123456789)');
  });

  it('the audit log: a user id that is nobody’s stays plain text, a stored bare Slack id is a person', () => {
    const text = documentToText(
      auditMessage([
        { at: 0, kind: 'requested', user: 'U0ADA', requestId: 'r1' },
        { at: 1000, kind: 'refused', user: '<!channel>', detail: 'not an approver' },
      ]),
    );
    expect(text).toContain('1970-01-01 00:00:00 UTC requested by slack:U0ADA request r1');
    expect(text).toContain('1970-01-01 00:00:01 UTC refused by <!channel>: not an approver');
  });
});
