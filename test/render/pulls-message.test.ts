import { documentToText } from '../../src/chat/document-to-text';
import { messageDocumentSchema } from '../../src/chat/message-document-schema';
import { explainNotStreamed } from '../../src/pulls/explain-not-streamed';
import { offlinePoolCheck } from '../../src/pulls/offline-pool-check';
import { analyzePulls } from '../../src/pulls/pulls-report';
import { duration, pullsMessage } from '../../src/render/pulls-message';
import { fixtureEvents, fixturePools } from '../pulls/load-events';

describe('pullsMessage', () => {
  it('shows per-image lines, totals, the flagged pools with their rule and fix, and the histogram', async () => {
    const pools = fixturePools();
    const report = await explainNotStreamed(
      analyzePulls(fixtureEvents(), { pools, since: '24h' }),
      offlinePoolCheck(pools, { cluster: 'prod-1' }),
    );
    const doc = pullsMessage(report);
    expect(messageDocumentSchema.safeParse(doc).success).toBe(true);
    const text = documentToText(doc);
    expect(text).toContain('Image pulls on prod-1 (last 24h)');
    expect(text).toContain(
      '10 pulls of 4 images: 2 streamed, 3 cached, 3 full, 2 unparsed. Time saved by streaming: 44.7s',
    );
    expect(text).toContain(
      'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5: 2 streamed, 2 cached, 1 full · streamed median 1.54s, p90 1.54s, full median 23.9s, p90 23.9s · saved 44.7s',
    );
    expect(text).toContain(
      'us-east1-docker.pkg.dev/acme-prod/ml/trainer:1.0 on pool ml: node-scopes: nodes lack the scope',
    );
    expect(text).toContain('us-east1-docker.pkg.dev/acme-prod/web/worker:3 on pool web: cached on the node: expected');
    const code = doc.blocks.find((b) => b.type === 'code');
    expect(code).toEqual({
      type: 'code',
      lines: [
        'pull time  streamed            full',
        '1-2s       ████████████████ 2',
        '2-5s',
        '5-10s',
        '10-30s                         ████████         1',
        '30-60s                         ████████         1',
        '1-2m',
        '>= 2m                          ████████         1',
      ],
    });
    expect(documentToText(doc).split('\n')[0]).not.toMatch(/`/);
  });

  it('says so when there were no pulls, and never shows a 0 for a missing figure', () => {
    const doc = pullsMessage(analyzePulls([], { cluster: 'prod-1', since: '1h' }));
    expect(documentToText(doc)).toContain('No image pulls found (last 1h)');
    expect(doc.blocks.some((b) => b.type === 'code')).toBe(false);
  });

  it.each([
    [0.85, '850ms'],
    [1.536908032, '1.54s'],
    [23.9, '23.9s'],
    [123.5, '2m 04s'],
    [119.6, '2m 00s'],
    [3720, '1h 02m'],
  ])('writes %d s as %s', (s, text) => {
    expect(duration(s)).toBe(text);
  });
});
