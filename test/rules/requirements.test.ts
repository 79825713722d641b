import { parseImageRef } from '../../src/images/image-ref';
import { eligibleFacts, k, pool, u, ver } from '../support/facts';
import { ruleOf } from './helpers';

describe('api-enabled', () => {
  it('passes when the Container File System API is enabled', () => {
    expect(ruleOf(eligibleFacts(), 'api-enabled').status).toBe('pass');
  });
  it('fails with the gcloud command when it is not', () => {
    const r = ruleOf(eligibleFacts({ apiEnabled: k(false) }), 'api-enabled');
    expect(r.status).toBe('fail');
    expect(r.fix).toBe('gcloud services enable containerfilesystem.googleapis.com --project=acme');
  });
  it('is unknown with the reader reason when the API state could not be read', () => {
    const r = ruleOf(eligibleFacts({ apiEnabled: u('permission serviceusage.services.get denied') }), 'api-enabled');
    expect(r).toMatchObject({ status: 'unknown', reason: expect.stringContaining('serviceusage.services.get') });
  });
  it('is skipped with the flags that settle it when not given', () => {
    const r = ruleOf(eligibleFacts({ apiEnabled: undefined }), 'api-enabled');
    expect(r.status).toBe('skip');
    expect(r.settledBy).toEqual(['--cluster', '--location', '--project']);
  });
});

describe('standard-version (>= 1.18.6-gke.4801)', () => {
  it.each([
    ['1.18.6-gke.4801', 'pass'],
    ['1.18.6-gke.4800', 'fail'],
    ['1.18.5-gke.9999', 'fail'],
    ['1.19.0-gke.1', 'pass'],
  ])('%s -> %s', (v, status) => {
    expect(ruleOf(eligibleFacts({ pools: [pool({ gkeVersion: ver(v) })] }), 'standard-version').status).toBe(status);
  });
  it('does not apply to Autopilot', () => {
    const facts = eligibleFacts({ pools: [pool({ gkeVersion: ver('1.18.0-gke.1') })] });
    facts.cluster.autopilot = k(true);
    expect(ruleOf(facts, 'standard-version').status).toBe('pass');
  });
});

describe('autopilot (created at >= 1.25.5-gke.1000)', () => {
  const auto = (created: string) => {
    const facts = eligibleFacts();
    facts.cluster.autopilot = k(true);
    facts.cluster.createdVersion = ver(created);
    return facts;
  };
  it('passes for an Autopilot cluster created at the threshold', () => {
    expect(ruleOf(auto('1.25.5-gke.1000'), 'autopilot').status).toBe('pass');
  });
  it('warns for one created just before it', () => {
    const r = ruleOf(auto('1.25.5-gke.999'), 'autopilot');
    expect(r.status).toBe('warn');
    expect(r.reason).toContain('1.25.5-gke.1000');
  });
  it('does not apply to Standard clusters', () => {
    expect(ruleOf(eligibleFacts(), 'autopilot')).toMatchObject({
      status: 'pass',
      reason: expect.stringContaining('Standard'),
    });
  });
});

describe('node-image (COS_CONTAINERD)', () => {
  it('passes on COS_CONTAINERD, whatever the casing', () => {
    expect(ruleOf(eligibleFacts({ pools: [pool({ imageType: k('cos_containerd') })] }), 'node-image').status).toBe(
      'pass',
    );
  });
  it.each(['UBUNTU_CONTAINERD', 'COS', 'WINDOWS_LTSC_CONTAINERD'])('fails on %s with a new-pool fix', (type) => {
    const r = ruleOf(eligibleFacts({ pools: [pool({ imageType: k(type) })] }), 'node-image');
    expect(r.status).toBe('fail');
    expect(r.fix).toContain('--image-type=COS_CONTAINERD --enable-image-streaming');
  });
  it('passes on Autopilot, whose nodes always use COS_CONTAINERD', () => {
    const facts = eligibleFacts({ pools: [pool({ imageType: undefined })] });
    facts.cluster.autopilot = k(true);
    expect(ruleOf(facts, 'node-image').status).toBe('pass');
  });
});

describe('streaming-enabled (gcfsConfig.enabled)', () => {
  it('passes when the pool streams', () => {
    expect(ruleOf(eligibleFacts(), 'streaming-enabled').status).toBe('pass');
  });
  it('fails with the update command when it does not', () => {
    const r = ruleOf(
      eligibleFacts({ pools: [pool({ name: 'gpu', streamingEnabled: k(false) })] }),
      'streaming-enabled',
    );
    expect(r.status).toBe('fail');
    expect(r.fix).toContain(
      'gcloud container node-pools update gpu --cluster=prod-1 --location=us-east1 --project=acme --enable-image-streaming',
    );
  });
});

describe('node-scopes (PermissionDenied: devstorage.read_only)', () => {
  it.each(['https://www.googleapis.com/auth/devstorage.read_only', 'https://www.googleapis.com/auth/cloud-platform'])(
    'passes with %s',
    (scope) => {
      expect(ruleOf(eligibleFacts({ pools: [pool({ oauthScopes: k([scope]) })] }), 'node-scopes').status).toBe('pass');
    },
  );
  it('fails without a storage scope, and the fix is a new pool with the scope', () => {
    const r = ruleOf(
      eligibleFacts({ pools: [pool({ oauthScopes: k(['https://www.googleapis.com/auth/logging.write']) })] }),
      'node-scopes',
    );
    expect(r.status).toBe('fail');
    expect(r.fix).toContain('--scopes=https://www.googleapis.com/auth/devstorage.read_only');
  });
});

describe('artifact-registry', () => {
  it('passes for LOCATION-docker.pkg.dev images', () => {
    expect(ruleOf(eligibleFacts(), 'artifact-registry').status).toBe('pass');
  });
  it.each(['gcr.io/acme/frontend:v5', 'docker.io/library/nginx:1.25', 'ghcr.io/acme/app:1'])(
    'fails for %s',
    (image) => {
      const r = ruleOf(eligibleFacts({ image: parseImageRef(image) }), 'artifact-registry');
      expect(r.status).toBe('fail');
      expect(r.fix).toMatch(/^move the image to Artifact Registry/);
    },
  );
});

describe('private-google-access', () => {
  const priv = (pga: boolean | undefined) => {
    const facts = eligibleFacts({ pools: [pool({ privateNodes: k(true) })] });
    facts.cluster.subnetwork = 'projects/acme/regions/us-east1/subnetworks/nodes';
    if (pga !== undefined) facts.cluster.privateGoogleAccess = k(pga);
    return facts;
  };
  it('passes for private nodes with Private Google Access', () => {
    expect(ruleOf(priv(true), 'private-google-access').status).toBe('pass');
  });
  it('fails for private nodes without it, with the subnet command', () => {
    const r = ruleOf(priv(false), 'private-google-access');
    expect(r.status).toBe('fail');
    expect(r.fix).toBe(
      'gcloud compute networks subnets update nodes --region=us-east1 --project=acme --enable-private-ip-google-access',
    );
  });
  it('does not apply to public nodes', () => {
    expect(ruleOf(eligibleFacts(), 'private-google-access').status).toBe('pass');
  });
  it('is unknown when the subnet could not be read', () => {
    const facts = priv(undefined);
    facts.cluster.privateGoogleAccess = u('permission compute.subnetworks.get denied');
    expect(ruleOf(facts, 'private-google-access').status).toBe('unknown');
  });
});

describe('vpc-sc', () => {
  it.each([
    ['none', 'pass'],
    ['included', 'pass'],
    ['excluded', 'fail'],
  ] as const)('--vpc-sc %s -> %s', (vpcSc, status) => {
    expect(ruleOf(eligibleFacts({ workload: { vpcSc } }), 'vpc-sc').status).toBe(status);
  });
  it('is skipped until --vpc-sc says', () => {
    expect(ruleOf(eligibleFacts({ workload: {} }), 'vpc-sc')).toMatchObject({
      status: 'skip',
      settledBy: ['--vpc-sc'],
    });
  });
});

describe('sa-role (roles/serviceusage.serviceUsageConsumer on the image project)', () => {
  const sa = 'nodes@acme.iam.gserviceaccount.com';
  const custom = (members: string[]) =>
    eligibleFacts({
      pools: [pool({ serviceAccount: k(sa) })],
      imageProjectIam: k([{ role: 'roles/serviceusage.serviceUsageConsumer', members }]),
    });
  it('does not apply to the default service account', () => {
    expect(ruleOf(eligibleFacts(), 'sa-role').status).toBe('pass');
  });
  it('passes when the custom account has the role on the image project', () => {
    expect(ruleOf(custom([`serviceAccount:${sa}`]), 'sa-role').status).toBe('pass');
  });
  it('is unknown when the only grant is conditional', () => {
    const facts = custom([`serviceAccount:${sa}`]);
    if (facts.imageProjectIam?.known) facts.imageProjectIam.value[0]!.condition = 'expires 2027';
    expect(ruleOf(facts, 'sa-role')).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining('expires 2027'),
    });
  });
  it('is unknown (never fail) when no direct binding shows, with the grant command', () => {
    const r = ruleOf(custom(['serviceAccount:other@acme.iam.gserviceaccount.com']), 'sa-role');
    expect(r.status).toBe('unknown');
    expect(r.fix).toBe(
      `gcloud projects add-iam-policy-binding acme --member=serviceAccount:${sa} --role=roles/serviceusage.serviceUsageConsumer`,
    );
  });
});
