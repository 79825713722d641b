import type { ClusterStatus } from '../../../src/gke/read-cluster-status';
import type { VerifyResult } from '../../../src/gke/verify-streaming';
import { renderClusterStatus } from '../../../adapters/slack/render/render-cluster-status';
import { renderVerify } from '../../../adapters/slack/render/render-verify';
import { allText, slackLimitViolations } from '../../support/slack-limits';

const ref = { project: 'acme', location: 'us-east1', cluster: 'prod-1' };

describe('renderClusterStatus', () => {
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
        warnings: ['1.27.3-gke.100 has the symlink rename bug: upgrade to 1.27.6-gke.100'],
      },
      {
        name: 'batch',
        streaming: false,
        source: 'cluster',
        version: null,
        imageType: 'UBUNTU_CONTAINERD',
        warnings: ['not COS_CONTAINERD: cannot stream'],
      },
    ],
  };

  it('shows the cluster default and, per pool, state, source, version, image type and warnings', () => {
    const message = renderClusterStatus(status);
    const text = allText(message);
    expect(text).toContain('Cluster default: off');
    expect(text).toContain('Standard cluster');
    expect(text).toMatch(/\*web\*: on \(set on the pool\) · GKE `1\.27\.3-gke\.100` · `COS_CONTAINERD`/);
    expect(text).toMatch(/\*batch\*: off \(follows the cluster\) · GKE _unknown_ · `UBUNTU_CONTAINERD`/);
    expect(text).toContain(':warning: 1.27.3-gke.100 has the symlink rename bug');
    expect(text).toContain(':warning: not COS_CONTAINERD');
    expect(text).toContain('1 of 2');
    expect(slackLimitViolations(message)).toEqual([]);
  });

  it('says Autopilot and shows cluster warnings', () => {
    const text = allText(
      renderClusterStatus({ ...status, autopilot: true, warnings: ['Autopilot: cannot be disabled per cluster'] }),
    );
    expect(text).toContain('Autopilot cluster');
    expect(text).toContain(':warning: Autopilot: cannot be disabled per cluster');
  });

  it('stays within limits for 300 pools with 10 KB warnings', () => {
    const big = '<w>'.repeat(3400);
    const pools = Array.from({ length: 300 }, (_, i) => ({ ...status.pools[0]!, name: `pool-${i}`, warnings: [big] }));
    const message = renderClusterStatus({ ...status, pools, warnings: [big] });
    expect(slackLimitViolations(message)).toEqual([]);
    expect(allText(message)).toContain(
      'gcloud container node-pools list --cluster prod-1 --location us-east1 --project acme',
    );
    expect(allText(message)).not.toContain('<w>');
  });
});

describe('renderVerify', () => {
  const result: VerifyResult = {
    ref,
    clusterDefault: { gcfsConfig: {} },
    pools: [
      { name: 'web', gcfsConfig: { enabled: true }, nodeLabel: 'cloud.google.com/gke-image-streaming=true' },
      { name: 'batch', gcfsConfig: { enabled: false }, nodeLabel: null },
      { name: 'api', gcfsConfig: {}, nodeLabel: null },
    ],
  };

  it('prints gcfsConfig as gcloud describe does, with the node label', () => {
    const text = allText(renderVerify(result));
    expect(text).toContain('nodeConfigDefaults:\n    gcfsConfig: {}');
    expect(text).toContain(
      '- name: web\n  config:\n    gcfsConfig:\n      enabled: true\n  # nodes labelled cloud.google.com/gke-image-streaming=true',
    );
    expect(text).toContain(
      '- name: batch\n  config:\n    gcfsConfig:\n      enabled: false\n  # nodes carry no cloud.google.com/gke-image-streaming label',
    );
    expect(text).toContain('- name: api\n  config:\n    gcfsConfig: {}');
    expect(renderVerify(result).text).toContain('1 of 3 pools on');
  });

  it('stays within limits, every code block closed, for 400 pools and a 10 KB name', () => {
    const pools = Array.from({ length: 400 }, (_, i) => ({
      name: i === 0 ? 'n'.repeat(10_000) : `pool-${i}`,
      gcfsConfig: { enabled: true },
      nodeLabel: 'cloud.google.com/gke-image-streaming=true',
    }));
    const message = renderVerify({ ...result, pools });
    expect(slackLimitViolations(message)).toEqual([]);
    for (const block of message.blocks) {
      const text = (block as { text?: { text: string } }).text?.text ?? '';
      expect((text.split('```').length - 1) % 2).toBe(0);
    }
  });
});
