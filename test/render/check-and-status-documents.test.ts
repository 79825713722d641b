import type { CheckReport } from '../../src/check/evaluate-rules';
import { documentToText } from '../../src/chat/document-to-text';
import { messageDocumentSchema } from '../../src/chat/message-document-schema';
import type { ClusterStatus } from '../../src/gke/read-cluster-status';
import { checkReportMessage } from '../../src/render/check-report-message';
import { clusterStatusMessage } from '../../src/render/cluster-status-message';
import { jobErrorMessage } from '../../src/render/error-message';
import { verifyMessage } from '../../src/render/verify-message';

// What a reader on a platform other than Slack sees: the same content, with no Slack markup (remote
// text such as `<!channel>` shows as written: it is only text there).
const SLACK_MARKUP = /&lt;|&gt;|&amp;|```|:[a-z_]+:|`/;

describe('check report and cluster status as neutral documents', () => {
  const report: CheckReport = {
    image: 'us-east1-docker.pkg.dev/acme/web/frontend:v5',
    verdict: 'not_eligible',
    rules: [
      {
        id: 'api-enabled',
        status: 'fail',
        reason: 'Container File System API is disabled <for now> & <!channel>',
        fix: 'gcloud services enable containerfilesystem.googleapis.com --project acme',
      },
      { id: 'node-image', status: 'warn', reason: 'pool web runs UBUNTU', fix: null },
      { id: 'vpc-sc', status: 'skip', reason: 'VPC-SC not known', fix: null, settledBy: ['--vpc-sc'] },
      { id: 'region', status: 'pass', reason: 'same region', fix: null },
    ],
    notes: ['picked linux/amd64 from a multi-platform index'],
  };

  it('reads the check report as plain text: verdict with its emoji, rules, fixes, skipped flags and passes', () => {
    const text = documentToText(checkReportMessage(report, 'IMAGE'));
    expect(text.split('\n')).toEqual([
      '== ❌ Not eligible: this image will not be streamed (or the workload breaks) ==',
      'Image us-east1-docker.pkg.dev/acme/web/frontend:v5',
      '❌ fail api-enabled: Container File System API is disabled <for now> & <!channel>',
      '      fix: gcloud services enable containerfilesystem.googleapis.com --project acme',
      '⚠️ warn node-image: pool web runs UBUNTU',
      '⏩ skipped (facts not given): vpc-sc',
      'These flags would settle them: --vpc-sc',
      '✅ 1 rule pass: region',
      'ℹ️ picked linux/amd64 from a multi-platform index',
    ]);
  });

  it('reads the cluster status as plain text, warnings under their pool', () => {
    const status: ClusterStatus = {
      ref: { project: 'acme', location: 'us-east1', cluster: 'prod-1' },
      autopilot: false,
      clusterDefault: false,
      masterVersion: null,
      warnings: ['Autopilot & <Standard> differ'],
      pools: [
        {
          name: 'web',
          streaming: true,
          source: 'explicit',
          version: '1.27.3-gke.100',
          imageType: 'COS_CONTAINERD',
          warnings: ['1.27.3-gke.100 has the symlink rename bug'],
        },
        { name: 'batch', streaming: false, source: 'cluster', version: null, imageType: null, warnings: [] },
      ],
    };
    const doc = clusterStatusMessage(status);
    expect(documentToText(doc).split('\n')).toEqual([
      '== Image streaming on prod-1 ==',
      'Cluster prod-1 in us-east1, project acme',
      'Standard cluster, control plane version unknown',
      'Cluster default: off',
      '⚠️ Autopilot & <Standard> differ',
      '🟢 web: on (set on the pool) · GKE 1.27.3-gke.100 · COS_CONTAINERD',
      '      ⚠️ 1.27.3-gke.100 has the symlink rename bug',
      '⚪ batch: off (follows the cluster) · GKE unknown · image type unknown',
      'Node pools streaming images: 1 of 2.',
    ]);
  });

  it('has no Slack markup in any of its documents, and each survives the queue schema', () => {
    const ref = { project: 'acme', location: 'us-east1', cluster: 'prod-1' };
    const docs = [
      checkReportMessage(report, 'IMAGE'),
      verifyMessage({
        ref,
        clusterDefault: { gcfsConfig: {} },
        pools: [{ name: 'web<1>', gcfsConfig: { enabled: true }, nodeLabel: null }],
      }),
      jobErrorMessage('cluster <prod-1> not found & gone'),
    ];
    for (const doc of docs) {
      expect(documentToText(doc)).not.toMatch(SLACK_MARKUP);
      expect(messageDocumentSchema.parse(doc)).toEqual(doc);
    }
    expect(documentToText(docs[1]!)).toContain('    - name: web<1>');
    expect(documentToText(docs[2]!)).toContain('❌ That did not work.\ncluster <prod-1> not found & gone');
  });
});
