import { renderAudit } from '../../../adapters/slack/render/render-audit';
import { renderJobError } from '../../../adapters/slack/render/render-error';
import { renderMemory } from '../../../adapters/slack/render/render-memory';
import { reservedMemoryMiB } from '../../../src/memory/reserved-memory';
import { allText, slackLimitViolations } from '../../support/slack-limits';

describe('renderMemory', () => {
  it('gives the reservation of a machine type, as the CLI does', () => {
    const message = renderMemory({ memoryGiB: 32, machineType: 'n2-standard-8' }, reservedMemoryMiB(32));
    expect(message.text).toBe('n2-standard-8 (32 GiB): image streaming reserves 145.82 MiB of memory (no CPU)');
    expect(allText(message)).toContain('1% of the first 4 GiB, 0.8% from 4 to 8 GiB');
    expect(slackLimitViolations(message)).toEqual([]);
  });

  it('says nothing is reserved under 1 GiB', () => {
    const message = renderMemory({ memoryGiB: 0.5 }, 0);
    expect(message.text).toContain('0.5 GiB: image streaming reserves 0.00 MiB');
    expect(allText(message)).toContain('Nothing is reserved on machines under 1 GiB');
  });
});

describe('renderAudit', () => {
  it('shows one line per event with time, kind, user, target, request and detail', () => {
    const message = renderAudit([
      {
        at: Date.UTC(2030, 0, 1),
        kind: 'requested',
        requestId: 'req-1',
        user: 'U0ADA',
        action: 'enable',
        target: 'prod-1 (pool web)',
      },
      { at: Date.UTC(2030, 0, 1, 0, 5), kind: 'failed', requestId: 'req-1', detail: 'HTTP 403 <denied>' },
    ]);
    const text = allText(message);
    expect(text).toContain(
      '<!date^1893456000^{date_short_pretty} {time}|2030-01-01 00:00:00 UTC> *requested* enable prod-1 (pool web) by <@U0ADA> request `req-1`',
    );
    expect(text).toContain('*failed* request `req-1`: HTTP 403 &lt;denied&gt;');
    expect(message.text).toBe('imagestream audit log: 2 events');
  });

  it('says when there is nothing yet', () => {
    expect(allText(renderAudit([]))).toContain('No events yet');
  });

  it('stays within limits for 1,000 events with 10 KB details', () => {
    const events = Array.from({ length: 1000 }, (_, i) => ({
      at: i * 1000,
      kind: 'done',
      requestId: `req-${i}`,
      detail: 'd'.repeat(10_000),
    }));
    expect(slackLimitViolations(renderAudit(events))).toEqual([]);
  });
});

describe('renderJobError', () => {
  it('says what failed and what to do, escaped, with no stack', () => {
    const message = renderJobError('cluster prod-1 not found in us-east1 (project acme) <x>');
    const text = allText(message);
    expect(text).toContain('cluster prod-1 not found in us-east1 (project acme) &lt;x&gt;');
    expect(text).toContain('run the command again');
    expect(slackLimitViolations(renderJobError('e'.repeat(10_000)))).toEqual([]);
  });
});
