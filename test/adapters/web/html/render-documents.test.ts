import { documentToHtml } from '../../../../adapters/web/html/document-to-html';
import type { MessageDocument } from '../../../../src/chat/message-document';
import { principalId } from '../../../../src/chat/principal-id';
import type { CheckReport } from '../../../../src/check/evaluate-rules';
import { CLASS_ADVICE } from '../../../../src/classifier/class-advice';
import { gcfsdFilter, logsExplorerUrl } from '../../../../src/cloud-logging/gcfsd-filter';
import type { ErrorClassSummary } from '../../../../src/cloud-logging/query-gcfsd-errors';
import type { ClusterStatus } from '../../../../src/gke/read-cluster-status';
import type { VerifyResult } from '../../../../src/gke/verify-streaming';
import { reservedMemoryMiB } from '../../../../src/memory/reserved-memory';
import { explainNotStreamed } from '../../../../src/pulls/explain-not-streamed';
import { offlinePoolCheck } from '../../../../src/pulls/offline-pool-check';
import { analyzePulls } from '../../../../src/pulls/pulls-report';
import {
  type AlertView,
  type AlertViewClass,
  ALERT_ACTION_IDS,
  alertMessage,
  stillHappeningMessage,
} from '../../../../src/render/alert-message';
import {
  APPROVE_ACTION_ID,
  DENY_ACTION_ID,
  type ApprovalView,
  approvalMessage,
} from '../../../../src/render/approval-message';
import { auditMessage } from '../../../../src/render/audit-message';
import { checkReportMessage } from '../../../../src/render/check-report-message';
import { clusterStatusMessage } from '../../../../src/render/cluster-status-message';
import { jobErrorMessage } from '../../../../src/render/error-message';
import { errorsSummaryMessage } from '../../../../src/render/errors-summary-message';
import { helpMessage } from '../../../../src/render/help-message';
import { memoryMessage } from '../../../../src/render/memory-message';
import { pullsDigestMessage } from '../../../../src/render/pulls-digest-message';
import { pullsMessage } from '../../../../src/render/pulls-message';
import { pullsReadMessage } from '../../../../src/render/pulls-read-message';
import { setupAlertsPrintMessage } from '../../../../src/render/setup-alerts-print-message';
import { usageErrorMessage } from '../../../../src/render/usage-error-message';
import { verifyMessage } from '../../../../src/render/verify-message';
import { fixtureEvents, fixturePools } from '../../../pulls/load-events';
import { actionButtons, htmlProblems, visibleText } from './html-checks';

const ref = { project: 'acme', location: 'us-east1', cluster: 'prod-1' };
const hostile = '<script>alert(1)</script> & "quotes"';
const ALERT_CLASSES: AlertViewClass[] = [
  'permission_denied',
  'quota_exceeded',
  'failed_precondition',
  'invalid_argument',
  'symlink_rename',
];

/** Renders a document, checks its HTML, and returns what a reader sees and the buttons they can press. */
function render(doc: MessageDocument) {
  const html = documentToHtml(doc);
  expect(htmlProblems(html)).toEqual([]);
  const buttons = actionButtons(html);
  // Every action button of the document is there, carrying its action and value; nothing else is.
  const expected = doc.blocks.flatMap((b) =>
    b.type === 'buttons' ? b.buttons.filter((x) => x.url === undefined) : [],
  );
  expect(buttons.map((b) => [b.action, b.value, b.label])).toEqual(
    expected.map((b) => [b.action, b.value ?? '', b.label]),
  );
  for (const b of buttons) expect(b.action).not.toBe('');
  return { html, text: visibleText(html), buttons };
}

const approval: ApprovalView = {
  id: 'req-0123456789',
  action: 'enable',
  target: 'shop (pool web) in europe-west1-b, project acme',
  change: { from: false, to: true, poolsAffected: ['web'], notes: ['GKE recreates the nodes of pool web'] },
  requestedBy: principalId('web', 'alice'),
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
    message: `level=fatal msg="rpc error: code = PermissionDenied ${hostile}"`,
    insertId: 'abc123',
    node: 'n1',
  },
};

describe('every message the core renders shows in the web chat', () => {
  it('approval requests: Approve / Deny with the request id while pending, who asked, no buttons once decided', () => {
    const pending = render(approvalMessage(approval));
    expect(pending.text).toContain('Enable image streaming: approval needed');
    expect(pending.text).toContain('Requested by @alice');
    expect(pending.buttons).toEqual([
      { action: APPROVE_ACTION_ID, value: 'req-0123456789', label: 'Approve', classes: 'action primary' },
      { action: DENY_ACTION_ID, value: 'req-0123456789', label: 'Deny', classes: 'action danger' },
    ]);
    for (const state of ['approved', 'denied', 'expired', 'running', 'done', 'failed'] as const) {
      const decided = render(
        approvalMessage({ ...approval, state, decidedBy: principalId('web', 'bob'), result: `HTTP 403 ${hostile}` }),
      );
      expect(decided.buttons).toEqual([]);
    }
    expect(
      render(approvalMessage({ ...approval, state: 'done', decidedBy: principalId('web', 'bob') })).text,
    ).toContain('@bob');
  });

  it('alerts of every class, muted or not, and their thread replies: fix buttons carry the alert id', () => {
    for (const cls of ALERT_CLASSES) {
      for (const mutedUntil of [undefined, Date.UTC(2030, 0, 3)]) {
        const view: AlertView = {
          ...alert,
          key: { ...alert.key, class: cls },
          mutedUntil,
          sample: { ...alert.sample, quota: { metric: 'm', limit: 'l' }, image: 'us-docker.pkg.dev/a/b/c:1' },
        };
        const { text, buttons } = render(alertMessage(view));
        expect(text).toContain(hostile);
        expect(buttons.length).toBeGreaterThan(0);
        for (const b of buttons) expect(b.value).toBe('alert-0123456789');
        expect(buttons.map((b) => b.action)).toEqual(expect.arrayContaining([ALERT_ACTION_IDS.mute1h]));
        render(stillHappeningMessage(view, 4));
      }
    }
  });

  it('command answers: status, verify, check, errors, pulls, digest, audit, help, memory, setup-alerts, usage and job errors', async () => {
    const status: ClusterStatus = {
      ref,
      autopilot: false,
      clusterDefault: false,
      masterVersion: '1.27.3-gke.100',
      warnings: [hostile],
      pools: [
        {
          name: 'web',
          streaming: true,
          source: 'explicit',
          version: '1.27.3-gke.100',
          imageType: 'COS_CONTAINERD',
          warnings: [hostile],
        },
      ],
    };
    expect(render(clusterStatusMessage(status)).text).toContain('web: on');

    const verify: VerifyResult = {
      ref,
      clusterDefault: { gcfsConfig: {} },
      pools: [{ name: 'web', gcfsConfig: { enabled: true }, nodeLabel: 'cloud.google.com/gke-image-streaming=true' }],
    };
    expect(render(verifyMessage(verify)).html).toContain('<pre class="doc-code"><code>');

    const report: CheckReport = {
      image: 'us-east1-docker.pkg.dev/acme/web/frontend:v5',
      verdict: 'not_eligible',
      rules: (['fail', 'warn', 'unknown', 'skip', 'pass'] as const).map((s, i) => ({
        id: `rule-${i}`,
        status: s,
        reason: hostile,
        fix: 'gcloud services enable containerfilesystem.googleapis.com',
      })),
      notes: [hostile],
    };
    expect(render(checkReportMessage(report, 'frontend:v5')).html).toMatch(/<h3 class="doc-header">❌ Not eligible/);

    const now = new Date('2024-03-05T13:00:00Z');
    const filter = gcfsdFilter({ project: 'acme-prod', cluster: 'prod-east', location: 'us-east1', since: '6h', now });
    const errorClass = (cls: ErrorClassSummary['class']): ErrorClassSummary => ({
      class: cls,
      count: 3,
      firstSeen: '2024-03-05T12:00:00Z',
      lastSeen: '2024-03-05T12:30:00.5Z',
      nodes: ['node-a'],
      nodesTotal: 1,
      sample: hostile,
      ...CLASS_ADVICE[cls],
      images: ['us-docker.pkg.dev/a/b/c:1'],
    });
    const errors = render(
      errorsSummaryMessage({
        project: 'acme-prod',
        cluster: 'prod-east',
        since: '6h',
        filter,
        explorerUrl: logsExplorerUrl('acme-prod', filter),
        entriesRead: 40,
        truncated: true,
        classes: [errorClass('quota_exceeded'), errorClass('permission_denied')],
        unclassified: 2,
      }),
    );
    expect(errors.html).toContain('<a href="https://console.cloud.google.com/logs/');

    const pools = fixturePools();
    const pulls = await explainNotStreamed(
      analyzePulls(fixtureEvents(), { pools, since: '24h' }),
      offlinePoolCheck(pools, { cluster: 'prod-1' }),
    );
    expect(render(pullsMessage(pulls)).text).toContain('Image pulls on prod-1 (last 24h)');
    render(pullsMessage(analyzePulls([], { cluster: 'prod-1', since: '1h' })));
    render(
      pullsReadMessage({ report: pulls, entriesRead: 10, truncated: true, unreadable: 1 }, { project: 'acme', filter }),
    );
    expect(render(pullsDigestMessage(ref, pulls, { entriesRead: 10, truncated: false, unreadable: 0 })).text).toContain(
      '🔔 Weekly image pulls on prod-1',
    );

    const audit = render(
      auditMessage([
        {
          at: Date.UTC(2030, 0, 1),
          kind: 'requested',
          requestId: 'req-1',
          user: 'web:alice',
          action: 'enable',
          target: 'shop',
        },
        { at: Date.UTC(2030, 0, 1, 0, 5), kind: 'approved', requestId: 'req-1', user: 'web:bob', detail: hostile },
      ]),
    );
    expect(audit.text).toContain('@alice');
    expect(audit.text).toContain('2030-01-01 00:05:00 UTC');
    render(auditMessage([]));

    expect(render(helpMessage()).text).toContain('/imagestream status');
    expect(
      render(memoryMessage({ memoryGiB: 32, machineType: 'n2-standard-8' }, reservedMemoryMiB(32))).text,
    ).toContain('145.82 MiB');
    render(setupAlertsPrintMessage('acme-prod'));
    expect(render(usageErrorMessage(`unknown flag --x ${hostile}`, 'status')).text).toContain(hostile);
    expect(render(jobErrorMessage(`cluster ${hostile} not found`)).text).toContain(hostile);
  });
});
