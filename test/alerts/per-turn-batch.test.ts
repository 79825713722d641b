/** Calls of one turn share one run; each gets its own answer or its own failure. */
import { BatchItemFailure, PerTurnBatch } from '../../src/alerts/per-turn-batch';

describe('PerTurnBatch', () => {
  it('runs the calls made in one turn once, in order, and a call made later in a run of its own', async () => {
    const runs: number[][] = [];
    const batch = new PerTurnBatch<number, number>(async (inputs) => {
      runs.push(inputs);
      return inputs.map((n) => n * 10);
    });
    expect(await Promise.all([batch.add(1), batch.add(2), batch.add(3)])).toEqual([10, 20, 30]);
    expect(await batch.add(4)).toBe(40);
    expect(runs).toEqual([[1, 2, 3], [4]]);
  });

  it('fails only the call whose input failed', async () => {
    const batch = new PerTurnBatch<number, number>(async (inputs) =>
      inputs.map((n) => (n === 2 ? new BatchItemFailure(new Error('two is misrouted')) : n)),
    );
    const results = await Promise.allSettled([batch.add(1), batch.add(2), batch.add(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('two is misrouted'));
  });

  it('rejects every call of the batch when the run throws or answers for another number of inputs', async () => {
    const failing = new PerTurnBatch<number, number>(async () => {
      throw new Error('Redis is down');
    });
    await expect(Promise.all([failing.add(1), failing.add(2)])).rejects.toThrow('Redis is down');
    const short = new PerTurnBatch<number, number>(async () => [1]);
    const results = await Promise.allSettled([short.add(1), short.add(2)]);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
  });
});
