import { toChatMessage } from '../../../../adapters/google-chat/cards/to-chat-message';
import type { CheckReport, RuleResult } from '../../../../src/check/evaluate-rules';
import { CLASS_ADVICE } from '../../../../src/classifier/class-advice';
import { gcfsdFilter, logsExplorerUrl } from '../../../../src/cloud-logging/gcfsd-filter';
import type { ErrorClassSummary, ErrorsSummary } from '../../../../src/cloud-logging/query-gcfsd-errors';
import type { ClusterStatus } from '../../../../src/gke/read-cluster-status';
import type { VerifyResult } from '../../../../src/gke/verify-streaming';
import { reservedMemoryMiB } from '../../../../src/memory/reserved-memory';
import { checkReportMessage } from '../../../../src/render/check-report-message';
import { clusterStatusMessage } from '../../../../src/render/cluster-status-message';
import { jobErrorMessage } from '../../../../src/render/error-message';
import { errorsSummaryMessage } from '../../../../src/render/errors-summary-message';
import { helpMessage } from '../../../../src/render/help-message';
import { memoryMessage } from '../../../../src/render/memory-message';
import { setupAlertsPrintMessage } from '../../../../src/render/setup-alerts-print-message';
import { usageErrorMessage } from '../../../../src/render/usage-error-message';
import { verifyMessage } from '../../../../src/render/verify-message';
import { cardText, chatMessageViolations, paragraphs } from './card-checks';

const ref = { project: 'acme', location: 'us-east1', cluster: 'prod-1' };
const ARGS = 'us-east1-docker.pkg.dev/acme/web/frontend:v5 --cluster prod-1';
const big = '<w>&'.repeat(2_500);

describe('command answers as Chat cards, within limits whatever their size', () => {
  it('status: per pool, within limits for 300 pools with 10 KB warnings, with the gcloud pointer', () => {
    const status: ClusterStatus = {
      ref,
      autopilot: false,
      clusterDefault: false,
      masterVersion: '1.27.3-gke.100',
      warnings: [],
      pools: [
        {
          name: 'web',
          streaming: true,
          source: 'explicit',
          version: '1.27.3-gke.100',
          imageType: 'COS_CONTAINERD',
          warnings: ['symlink bug'],
        },
      ],
    };
    const small = toChatMessage(clusterStatusMessage(status));
    expect(chatMessageViolations(small)).toEqual([]);
    expect(small.cardsV2![0]!.card!.header!.title).toBe('Image streaming on prod-1');
    expect(cardText(small)).toContain('web: on');
    const pools = Array.from({ length: 300 }, (_, i) => ({ ...status.pools[0]!, name: `pool-${i}`, warnings: [big] }));
    const body = toChatMessage(clusterStatusMessage({ ...status, pools, warnings: [big] }));
    expect(chatMessageViolations(body)).toEqual([]);
    expect(cardText(body)).toContain(
      'gcloud container node-pools list --cluster prod-1 --location us-east1 --project acme',
    );
    expect(paragraphs(body).join('')).not.toContain('<w>');
  });

  it('verify: gcfsConfig as YAML in monospace, every <pre> closed, for 400 pools and a 10 KB name', () => {
    const result: VerifyResult = {
      ref,
      clusterDefault: { gcfsConfig: {} },
      pools: [{ name: 'web', gcfsConfig: { enabled: true }, nodeLabel: 'cloud.google.com/gke-image-streaming=true' }],
    };
    const small = toChatMessage(verifyMessage(result));
    expect(chatMessageViolations(small)).toEqual([]);
    expect(paragraphs(small).join('')).toContain('- name: web<br>  config:<br>    gcfsConfig:<br>      enabled: true');
    const pools = Array.from({ length: 400 }, (_, i) => ({
      ...result.pools[0]!,
      name: i === 0 ? 'n'.repeat(10_000) : `pool-${i}`,
    }));
    expect(chatMessageViolations(toChatMessage(verifyMessage({ ...result, pools })))).toEqual([]);
  });

  it('check report: the verdict with its emoji; 200 rules with 10 KB reasons within limits', () => {
    const report = (rules: RuleResult[], notes: string[] = []): CheckReport => ({
      image: 'us-east1-docker.pkg.dev/acme/web/frontend:v5',
      verdict: 'not_eligible',
      rules,
      notes,
    });
    const small = toChatMessage(
      checkReportMessage(
        report([{ id: 'api-enabled', status: 'fail', reason: 'API <off>', fix: 'gcloud services enable x' }]),
        ARGS,
      ),
    );
    expect(chatMessageViolations(small)).toEqual([]);
    expect(small.cardsV2![0]!.card!.header!.title).toMatch(/^❌ Not eligible/);
    expect(cardText(small)).toContain('api-enabled: API <off>');
    const rules: RuleResult[] = Array.from({ length: 200 }, (_, i) => ({
      id: `rule-${i}`,
      status: (['fail', 'warn', 'unknown', 'skip', 'pass'] as const)[i % 5]!,
      reason: `${i} ${big}`,
      fix: `gcloud fix ${i} ${big}`,
      settledBy: [`--flag-${i}-${big}`],
    }));
    expect(
      chatMessageViolations(toChatMessage(checkReportMessage(report(rules, [big, big]), `${ARGS} ${big}`))),
    ).toEqual([]);
  });

  it('errors summary: classes with samples and the Logs Explorer link; huge within limits', () => {
    const now = new Date('2024-03-05T13:00:00Z');
    const filter = gcfsdFilter({ project: 'acme-prod', cluster: 'prod-east', location: 'us-east1', since: '6h', now });
    const summary = (classes: ErrorClassSummary[]): ErrorsSummary => ({
      project: 'acme-prod',
      cluster: 'prod-east',
      since: '6h',
      filter,
      explorerUrl: logsExplorerUrl('acme-prod', filter),
      entriesRead: 40,
      truncated: true,
      classes,
      unclassified: 0,
    });
    const errorClass = (cls: ErrorClassSummary['class'], over: Partial<ErrorClassSummary> = {}): ErrorClassSummary => ({
      class: cls,
      count: 3,
      firstSeen: '2024-03-05T12:00:00Z',
      lastSeen: '2024-03-05T12:30:00.5Z',
      nodes: ['node-a'],
      nodesTotal: 1,
      sample: 'level=error msg="<users/all> & co"',
      ...CLASS_ADVICE[cls],
      images: [],
      ...over,
    });
    const none = toChatMessage(errorsSummaryMessage(summary([])));
    expect(chatMessageViolations(none)).toEqual([]);
    expect(paragraphs(none).join('')).toContain(
      `<a href="${logsExplorerUrl('acme-prod', filter).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`,
    );
    const some = toChatMessage(errorsSummaryMessage(summary([errorClass('quota_exceeded')])));
    expect(chatMessageViolations(some)).toEqual([]);
    expect(cardText(some)).toContain('<users/all> & co');
    const huge = (
      ['permission_denied', 'quota_exceeded', 'failed_precondition', 'invalid_argument', 'symlink_rename'] as const
    ).map((cls) =>
      errorClass(cls, {
        nodes: Array.from({ length: 10 }, (_, i) => `gke-${'x'.repeat(30)}-pool-${i}`),
        nodesTotal: 500,
        sample: big,
        images: Array.from({ length: 5 }, (_, i) => `us-docker.pkg.dev/p/r/${'i'.repeat(200)}${i}:tag`),
      }),
    );
    expect(chatMessageViolations(toChatMessage(errorsSummaryMessage(summary(huge))))).toEqual([]);
  });

  it('help, memory, setup-alerts --print, usage errors and job errors: valid cards, huge ones cut', () => {
    const help = toChatMessage(helpMessage());
    expect(chatMessageViolations(help)).toEqual([]);
    expect(cardText(help)).toContain('/imagestream status');
    const memory = toChatMessage(memoryMessage({ memoryGiB: 32, machineType: 'n2-standard-8' }, reservedMemoryMiB(32)));
    expect(chatMessageViolations(memory)).toEqual([]);
    expect(memory.fallbackText).toBe('n2-standard-8 (32 GiB): image streaming reserves 145.82 MiB of memory (no CPU)');
    expect(chatMessageViolations(toChatMessage(setupAlertsPrintMessage('acme-prod')))).toEqual([]);
    const usage = toChatMessage(usageErrorMessage('unknown flag --x <users/all>', 'status'));
    expect(chatMessageViolations(usage)).toEqual([]);
    expect(cardText(usage)).toContain('unknown flag --x <users/all>');
    expect(chatMessageViolations(toChatMessage(usageErrorMessage(big.repeat(3))))).toEqual([]);
    const error = toChatMessage(jobErrorMessage(`cluster <prod-1> not found ${big.repeat(4)}`));
    expect(chatMessageViolations(error)).toEqual([]);
    expect(cardText(error)).toContain("… cut: the bot's logs have the full error");
  });
});
