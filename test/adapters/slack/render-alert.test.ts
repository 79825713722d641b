import {
  ALERT_ACTION_IDS,
  AlertView,
  renderAlert,
  renderStillHappening,
} from '../../../adapters/slack/render/render-alert';
import { allText, slackLimitViolations } from '../../support/slack-limits';

const base: AlertView = {
  id: 'alert-0123456789',
  key: { project: 'acme-prod', cluster: 'shop', class: 'permission_denied' },
  location: 'europe-west1-b',
  count: 3,
  nodes: ['gke-shop-default-pool-1a2b3c4d-x7k2'],
  nodesTotal: 1,
  firstSeen: '2030-01-02T03:04:05Z',
  lastSeen: '2030-01-02T03:14:05Z',
  sample: {
    message: 'level=fatal msg="Failed to create a Container File System client: rpc error: code = PermissionDenied"',
    insertId: 'abc123',
    node: 'gke-shop-default-pool-1a2b3c4d-x7k2',
  },
};

type Button = { action_id: string; value?: string; url?: string; text: { text: string } };
const buttons = (view: AlertView): Button[] =>
  renderAlert(view).blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as Button[]) : []));
const ids = (view: AlertView) => buttons(view).map((b) => b.action_id);
const MUTES = ['imagestream_mute_1h', 'imagestream_mute_24h'];

describe('renderAlert', () => {
  it('says what happened, where, the sample line, what it means and the fix', () => {
    const message = renderAlert(base);
    const text = allText(message);
    expect(text).toContain('3 errors');
    expect(text).toContain('`shop`');
    expect(text).toContain('`europe-west1-b`');
    expect(text).toContain('gke-shop-default-pool-1a2b3c4d-x7k2');
    expect(text).toContain('```\nlevel=fatal msg="Failed to create');
    expect(text).toContain('devstorage.read_only');
    expect(text).toContain('scopes of an existing pool cannot change');
    expect(message.text).toContain('shop');
    expect(slackLimitViolations(message)).toEqual([]);
  });

  it.each([
    ['permission_denied', {}, ['imagestream_fix_replace_pool', 'imagestream_fix_show_gcloud', ...MUTES]],
    ['quota_exceeded', {}, ['imagestream_fix_quota', ALERT_ACTION_IDS.quotaConsole, ...MUTES]],
    ['symlink_rename', {}, ['imagestream_fix_upgrade_pool', 'imagestream_fix_disable_pool', ...MUTES]],
    ['failed_precondition', {}, ['imagestream_fix_retry_check', ...MUTES]],
    ['invalid_argument', {}, MUTES],
    ['invalid_argument', { image: 'us-docker.pkg.dev/acme/app/web:1' }, ['imagestream_fix_run_check', ...MUTES]],
  ] as const)('%s %j: its buttons, each carrying the alert id', (cls, sample, expected) => {
    const view: AlertView = { ...base, key: { ...base.key, class: cls }, sample: { ...base.sample, ...sample } };
    expect(ids(view)).toEqual(expected);
    for (const b of buttons(view)) {
      if (b.url) expect(b.url).toContain('project=acme-prod');
      else expect(b.value).toBe('alert-0123456789');
    }
    expect(slackLimitViolations(renderAlert(view))).toEqual([]);
  });

  it('labels the fixes as the issue names them', () => {
    const labels = buttons(base).map((b) => b.text.text);
    expect(labels).toContain('Create replacement node pool with the storage read scope');
    const quota = buttons({ ...base, key: { ...base.key, class: 'quota_exceeded' } }).map((b) => b.text.text);
    expect(quota).toContain('Request quota increase');
    const retry = buttons({ ...base, key: { ...base.key, class: 'failed_precondition' } }).map((b) => b.text.text);
    expect(retry).toContain('Retry check in 5 min');
  });

  it('shows the quota and the image when the sample has them', () => {
    const text = allText(
      renderAlert({
        ...base,
        key: { ...base.key, class: 'quota_exceeded' },
        sample: { ...base.sample, quota: { metric: 'Content requests per project per region', limit: 'per minute' } },
      }),
    );
    expect(text).toContain('Content requests per project per region');
  });

  it('says until when a muted alert is muted', () => {
    const text = allText(renderAlert({ ...base, mutedUntil: Date.UTC(2030, 0, 2, 4, 0, 0) }));
    expect(text).toMatch(/Muted until <!date\^1893556800\^/);
  });

  it('escapes remote text and keeps the sample inside its code block', () => {
    const message = renderAlert({
      ...base,
      key: { ...base.key, cluster: '<!channel>' },
      nodes: ['<@U123>'],
      sample: { ...base.sample, message: 'bad ``` <!here> & co', insertId: '`x`' },
    });
    const text = allText(message);
    expect(text).not.toMatch(/<!(channel|here)>/);
    expect(text).not.toContain('<@U123>');
    expect(text).toContain('&lt;!here&gt; &amp; co');
    expect(text.split('```').length % 2).toBe(1);
  });

  it('stays within Slack limits with huge samples and many nodes', () => {
    const nodes = Array.from({ length: 20 }, (_, i) => `gke-shop-default-pool-1a2b3c4d-${String(i).padStart(4, 'x')}`);
    const message = renderAlert({
      ...base,
      count: 123_456,
      nodes,
      nodesTotal: 9_999,
      sample: { ...base.sample, message: 'x'.repeat(50_000), image: 'i'.repeat(5_000) },
    });
    expect(slackLimitViolations(message)).toEqual([]);
    expect(allText(message)).toContain('and 9989 more');
    const sample = allText(message).match(/```\n(x+)/)?.[1] ?? '';
    expect(sample.length).toBeLessThan(1300);
  });
});

describe('renderStillHappening', () => {
  it('says how many more, short, within limits', () => {
    const message = renderStillHappening(base, 42);
    expect(message.text).toContain('Still happening: 42 more');
    expect(message.blocks).toHaveLength(1);
    expect(slackLimitViolations(message)).toEqual([]);
    expect(allText(renderStillHappening({ ...base, mutedUntil: Date.UTC(2030, 0, 1) }, 1))).toContain('Muted until');
  });
});
