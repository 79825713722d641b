import { createLogger } from '../../src/logging/logger';
import { currentTrace, slackRequestIdOf, withTrace } from '../../src/logging/trace-context';

function capture(traceProject?: string) {
  const raw: string[] = [];
  const logger = createLogger({ level: 'info', traceProject, destination: { write: (l: string) => void raw.push(l) } });
  return { logger, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('trace context in log lines', () => {
  it('adds the Slack request id, the job and Cloud Logging trace field inside a trace, nothing outside', async () => {
    const { logger, lines } = capture('acme-prod');
    logger.info('before');
    await withTrace({ slackRequestId: '123.456.abc' }, async () => {
      await new Promise((r) => setTimeout(r, 1)); // survives awaits
      await withTrace({ jobId: '42', job: 'status' }, async () => logger.info('inside'));
    });
    logger.info('after');
    const [before, inside, after] = lines();
    expect(before).not.toHaveProperty('slackRequestId');
    expect(inside).toMatchObject({ slackRequestId: '123.456.abc', jobId: '42', job: 'status' });
    expect(inside['logging.googleapis.com/trace']).toMatch(/^projects\/acme-prod\/traces\/[0-9a-f]{32}$/);
    expect(after).not.toHaveProperty('jobId');
    expect(currentTrace()).toBeUndefined();
  });

  it('leaves out the trace field when no project is known', () => {
    const { logger, lines } = capture();
    withTrace({ slackRequestId: '1.2.3' }, () => logger.info('x'));
    expect(lines()[0]).toMatchObject({ slackRequestId: '1.2.3' });
    expect(lines()[0]).not.toHaveProperty('logging.googleapis.com/trace');
  });

  it('takes trigger_id, then event_id, and refuses anything that is not a Slack id', () => {
    expect(slackRequestIdOf({ trigger_id: '1.2.abc', event_id: 'Ev1' })).toBe('1.2.abc');
    expect(slackRequestIdOf({ event_id: 'Ev0123ABC' })).toBe('Ev0123ABC');
    expect(slackRequestIdOf({ trigger_id: 'x"}\n{"severity":"ERROR' })).toBeUndefined();
    expect(slackRequestIdOf({ trigger_id: 'a'.repeat(500) })).toBeUndefined();
    expect(slackRequestIdOf({ trigger_id: 42 })).toBeUndefined();
    expect(slackRequestIdOf(undefined)).toBeUndefined();
  });
});
