import type { ClusterStreaming } from '../../../../src/gke/list-clusters';
import type { HomeProject, HomeState } from '../../../../adapters/slack/home/home-state';
import type { AlertView, AlertViewClass } from '../../../../adapters/slack/render/render-alert';
import type { ApprovalView } from '../../../../adapters/slack/render/render-approval';
import { principalId } from '../../../../src/chat/principal-id';
import {
  HOME_ACTION_IDS,
  HOME_MAX_BLOCKS,
  RenderedHome,
  renderHome,
} from '../../../../adapters/slack/home/render-home';
import { allText, slackLimitViolations } from '../../../support/slack-limits';

const NOW = Date.parse('2024-03-05T12:00:00Z');

const cluster = (name: string, pools: number, on: (i: number) => boolean = () => false): ClusterStreaming => ({
  name,
  location: 'us-east1',
  autopilot: false,
  clusterDefault: false,
  pools: Array.from({ length: pools }, (_, i) => ({
    name: `pool-${i}`,
    streaming: on(i),
    source: on(i) ? ('explicit' as const) : ('cluster' as const),
  })),
});

const project = (name: string, over: Partial<HomeProject> = {}): HomeProject => ({
  project: name,
  clusters: [],
  missingZones: [],
  approvals: [],
  alerts: [],
  ...over,
});

const approval = (id: string): ApprovalView => ({
  id,
  action: 'enable',
  target: 'shop (pool web) in europe-west1, project acme-prod',
  pool: 'web',
  change: { from: false, to: true, poolsAffected: ['web'], notes: [] },
  requestedBy: principalId('slack', 'UREQUESTER1'),
  state: 'pending',
  expiresAt: NOW + 3_600_000,
});

const alert = (
  id: string,
  over: { cluster?: string; class?: AlertViewClass; count?: number; mutedUntil?: number } = {},
): AlertView => ({
  id,
  key: { project: 'acme-prod', cluster: over.cluster ?? 'shop', class: over.class ?? 'quota_exceeded' },
  location: 'europe-west1',
  count: over.count ?? 42,
  nodes: ['gke-shop-node-1'],
  nodesTotal: 1,
  firstSeen: '2024-03-05T11:00:00Z',
  lastSeen: '2024-03-05T11:58:00Z',
  sample: { message: 'code = ResourceExhausted', insertId: `insert-${id}`, node: 'gke-shop-node-1' },
  ...(over.mutedUntil !== undefined ? { mutedUntil: over.mutedUntil } : {}),
});

const state = (projects: HomeProject[], notes: string[] = []): HomeState => ({ now: NOW, projects, notes });

/** Slack's limits of a Home tab view (test/support/slack-limits.ts, with the view's 100 blocks), and unique block_ids. */
function violations(rendered: RenderedHome): string[] {
  const { blocks } = rendered.view;
  const problems = slackLimitViolations({ text: 'home', blocks }, HOME_MAX_BLOCKS);
  const blockIds = blocks.map((b) => (b as { block_id?: string }).block_id).filter(Boolean);
  if (new Set(blockIds).size !== blockIds.length) problems.push('duplicate block_id');
  return problems;
}

const textOf = (r: RenderedHome) => allText({ text: '', blocks: r.view.blocks });
const buttons = (r: RenderedHome) =>
  r.view.blocks.flatMap((b: any) => [
    ...(b.type === 'actions' ? b.elements : []),
    ...(b.accessory?.type === 'button' ? [b.accessory] : []),
  ]) as Array<{ action_id: string; value: string }>;

describe('renderHome', () => {
  it('says how to configure a project when there is none, with a Refresh button', () => {
    const home = renderHome(state([]), 0);
    expect(home.view.type).toBe('home');
    expect(home.pages).toBe(1);
    expect(textOf(home)).toContain('GOOGLE_CLOUD_PROJECT');
    expect(buttons(home).map((b) => b.action_id)).toEqual([HOME_ACTION_IDS.refresh]);
    expect(violations(home)).toEqual([]);
  });

  it("shows a project's listing error in its own section and still renders the others", () => {
    const home = renderHome(
      state([
        project('acme-prod', {
          clusters: null,
          error: 'missing IAM permission container.clusters.list to list clusters of project acme-prod <b>',
        }),
        project('acme-dev', { clusters: [cluster('dev-1', 2, (i) => i === 0)] }),
      ]),
      0,
    );
    const text = textOf(home);
    expect(text).toContain('Project acme-prod');
    expect(text).toMatch(/Could not list the clusters: missing IAM permission container\.clusters\.list/);
    // Remote text is escaped, never markup.
    expect(text).toContain('&lt;b&gt;');
    expect(text).toContain('Project acme-dev');
    expect(text).toMatch(/`pool-0` \*on\*/);
    expect(text).toMatch(/`pool-1` off/);
    expect(violations(home)).toEqual([]);
  });

  it('shows each pool and the cluster default, absent gcfsConfig reading as off', () => {
    const autopilot: ClusterStreaming = {
      name: 'jobs',
      location: 'us-central1',
      autopilot: true,
      clusterDefault: true,
      pools: [{ name: 'default-pool', streaming: true, source: 'cluster' }],
    };
    const text = textOf(renderHome(state([project('acme-prod', { clusters: [autopilot, cluster('shop', 3)] })]), 0));
    expect(text).toMatch(
      /\*jobs\* in `us-central1` · Autopilot\nCluster default: \*on\* · 1 of 1 node pools streaming/,
    );
    expect(text).toMatch(/\*shop\* in `us-east1`\nCluster default: off · 0 of 3 node pools streaming/);
  });

  it('pages 3 projects of 40 clusters x 5 pools: every page within 100 blocks, every cluster once, Previous/Next', () => {
    const projects = ['acme-a', 'acme-b', 'acme-c'].map((p) =>
      project(p, { clusters: Array.from({ length: 40 }, (_, i) => cluster(`${p}-c${i}`, 5, (j) => j % 2 === 0)) }),
    );
    const first = renderHome(state(projects), 0);
    expect(first.pages).toBeGreaterThan(1);
    const seen: string[] = [];
    for (let page = 0; page < first.pages; page++) {
      const home = renderHome(state(projects), page);
      expect(home.page).toBe(page);
      expect(violations(home)).toEqual([]);
      seen.push(...(textOf(home).match(/\*acme-[abc]-c\d+\*/g) ?? []));
      const nav = buttons(home).filter((b) => b.action_id !== HOME_ACTION_IDS.refresh);
      const expected = [
        ...(page > 0 ? [[HOME_ACTION_IDS.previous, String(page - 1)]] : []),
        ...(page < first.pages - 1 ? [[HOME_ACTION_IDS.next, String(page + 1)]] : []),
      ];
      expect(nav.map((b) => [b.action_id, b.value])).toEqual(expected);
      expect(textOf(home)).toContain(`page ${page + 1} of ${first.pages}`);
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    // A page that starts in the middle of a project says which project it is.
    expect(textOf(renderHome(state(projects), 1))).toMatch(/Project acme-[abc] \(continued\)/);
  });

  it('shows the nearest page when asked for one that does not exist', () => {
    const projects = [project('acme-a', { clusters: Array.from({ length: 150 }, (_, i) => cluster(`c${i}`, 1)) })];
    const last = renderHome(state(projects), 999);
    expect(last.page).toBe(last.pages - 1);
    expect(renderHome(state(projects), -3).page).toBe(0);
  });

  it('keeps a cluster of 300 pools and a 10,000-character error within the limits', () => {
    const home = renderHome(
      state([
        project('acme-a', { clusters: [cluster('huge', 300)] }),
        project('acme-b', { clusters: null, error: 'x'.repeat(10_000) }),
      ]),
      0,
    );
    expect(violations(home)).toEqual([]);
    expect(textOf(home)).toContain('and 250 more node pools');
  });

  it('lists pending approvals with the Approve / Deny of the approval message', () => {
    const home = renderHome(
      state([
        project('acme-prod', { approvals: [approval('AAAAAAAAAAAAAAAAAAAAAA'), approval('BBBBBBBBBBBBBBBBBBBBBB')] }),
      ]),
      0,
    );
    expect(textOf(home)).toContain('Pending approvals* (2)');
    expect(textOf(home)).toContain('*Enable image streaming* on shop (pool web) in europe-west1, project acme-prod');
    expect(
      buttons(home)
        .filter((b) => b.action_id !== HOME_ACTION_IDS.refresh)
        .map((b) => [b.action_id, b.value]),
    ).toEqual([
      ['imagestream_approve', 'AAAAAAAAAAAAAAAAAAAAAA'],
      ['imagestream_deny', 'AAAAAAAAAAAAAAAAAAAAAA'],
      ['imagestream_approve', 'BBBBBBBBBBBBBBBBBBBBBB'],
      ['imagestream_deny', 'BBBBBBBBBBBBBBBBBBBBBB'],
    ]);
    expect(violations(home)).toEqual([]);
  });

  it('never separates a request from its buttons across pages', () => {
    const approvals = Array.from({ length: 60 }, (_, i) => approval(`req${String(i).padStart(19, '0')}`));
    const projects = [project('acme-prod', { approvals })];
    const { pages } = renderHome(state(projects), 0);
    expect(pages).toBeGreaterThan(1);
    for (let page = 0; page < pages; page++) {
      const blocks = renderHome(state(projects), page).view.blocks as any[];
      blocks.forEach((b, i) => {
        if (b.type === 'actions' && b.block_id !== 'imagestream_home_nav') {
          expect(blocks[i - 1].text.text).toContain('Enable image streaming');
        }
      });
    }
  });

  it('shows open alerts with their mute state, a Mute button on unmuted ones, and the mutes in force', () => {
    const home = renderHome(
      state([
        project('acme-prod', {
          alerts: [
            alert('alert-muted-1', { mutedUntil: NOW + 3_600_000 }),
            alert('alert-open-01', { class: 'permission_denied', cluster: 'web', count: 1 }),
            alert('alert-old-mute', { mutedUntil: NOW - 1 }),
          ],
        }),
      ]),
      0,
    );
    const text = textOf(home);
    expect(text).toContain('Open alerts* (3)');
    expect(text).toMatch(/\*quota exceeded\* on `shop` in `europe-west1`: 42 entries, last seen <!date\^\d+\^/);
    expect(text).toMatch(/\*permission denied\* on `web` in `europe-west1`: 1 entry/);
    expect(text).toContain(':mute: muted until <!date^');
    expect(text).toContain('Mutes in force* (1)');
    const mutes = buttons(home).filter((b) => b.action_id === 'imagestream_mute_1h');
    expect(mutes.map((b) => b.value).sort()).toEqual(['alert-old-mute', 'alert-open-01']);
    expect(violations(home)).toEqual([]);
  });

  it('shows the notes about what was left out', () => {
    const home = renderHome(state([project('acme-prod')], ['3 more projects are not shown']), 0);
    expect(textOf(home)).toContain('3 more projects are not shown');
    expect(textOf(home)).toContain('No GKE clusters in this project.');
  });
});
