import { evaluateRules } from '../../src/check/evaluate-rules';
import { RULES } from '../../src/rules';
import { eligibleFacts, k, pool, u } from '../support/facts';

describe('evaluateRules', () => {
  it('says eligible when nothing fails, and reports every rule once', () => {
    const report = evaluateRules(eligibleFacts());
    expect(report.verdict).toBe('eligible');
    expect(report.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(report.rules.filter((r) => r.status !== 'pass')).toEqual([]);
  });

  it('covers every rule id of docs/image-streaming.md', () => {
    const ids = RULES.map((r) => r.id);
    for (const id of [
      'api-enabled',
      'standard-version',
      'autopilot',
      'node-image',
      'artifact-registry',
      'private-google-access',
      'vpc-sc',
      'sa-role',
      'pull-secret',
      'schema1',
      'cmek',
      'duplicate-layers',
      'empty-layer',
      'region',
      'many-files',
      'first-pull',
      'nap',
      'file-caps',
      'symlink-rename',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('says not_eligible when any rule fails', () => {
    expect(evaluateRules(eligibleFacts({ apiEnabled: k(false) })).verdict).toBe('not_eligible');
  });

  it('says unknown when nothing fails but a deciding fact could not be read', () => {
    expect(evaluateRules(eligibleFacts({ apiEnabled: u() })).verdict).toBe('unknown');
  });

  it('ignores informational rules for the verdict', () => {
    const facts = eligibleFacts();
    facts.cluster.streamingDefault = u();
    const report = evaluateRules(facts);
    expect(report.rules.find((r) => r.id === 'nap')?.status).toBe('unknown');
    expect(report.verdict).toBe('eligible');
  });

  it('skips do not change the verdict', () => {
    const report = evaluateRules(eligibleFacts({ apiEnabled: undefined, manifest: undefined }));
    expect(report.verdict).toBe('eligible');
    expect(report.rules.filter((r) => r.status === 'skip').map((r) => r.id)).toEqual(
      expect.arrayContaining(['api-enabled', 'schema1', 'empty-layer']),
    );
  });

  it('merges pool rules to the worst pool, naming it', () => {
    const facts = eligibleFacts({
      pools: [pool({ name: 'web' }), pool({ name: 'batch', imageType: k('UBUNTU_CONTAINERD') })],
    });
    const r = evaluateRules(facts).rules.find((x) => x.id === 'node-image')!;
    expect(r.status).toBe('fail');
    expect(r.reason).toMatch(/^pool batch: node image type is UBUNTU_CONTAINERD/);
    expect(r.reason).toContain('other pools: web pass');
    expect(r.fix).toContain('--cluster=prod-1');
  });

  it('uses placeholders in fixes when the cluster is not named', () => {
    const facts = eligibleFacts({ apiEnabled: k(false) });
    facts.cluster = {};
    expect(evaluateRules(facts).rules.find((r) => r.id === 'api-enabled')?.fix).toContain('--project=PROJECT');
  });

  it('carries the platform note of a multi-platform image', () => {
    const facts = eligibleFacts();
    if (facts.manifest?.known) facts.manifest.value.platformNote = 'index of 2 platforms: checked linux/amd64';
    expect(evaluateRules(facts).notes).toEqual(['index of 2 platforms: checked linux/amd64']);
  });
});
