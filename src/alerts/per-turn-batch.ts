/** What `run` answers for one input that failed on its own (the others of the batch go on). */
export class BatchItemFailure {
  constructor(readonly error: unknown) {}
}

/**
 * Calls made in one turn share one `run` of all their inputs: the outbox marks the updates a
 * subscriber's batch asks for in one Redis script call, and AlertStore.recordAll calls (the
 * playground's, one entry at a time) share one record script, instead of a round trip each. Each call gets its own input's answer (`run` answers in input order), or its own
 * failure; a `run` that throws rejects every call of the batch. The batch is closed by a
 * microtask, not a timer: a caller that awaits each call still has it run at once, and fake
 * timers cannot hold it.
 */
export class PerTurnBatch<I, O> {
  private queued: Array<{ input: I; resolve: (output: O) => void; reject: (err: unknown) => void }> = [];

  constructor(private readonly run: (inputs: I[]) => Promise<Array<O | BatchItemFailure>>) {}

  add(input: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.queued.push({ input, resolve, reject });
      if (this.queued.length === 1) void Promise.resolve().then(() => this.runQueued());
    });
  }

  private async runQueued(): Promise<void> {
    const queued = this.queued.splice(0);
    let outputs: Array<O | BatchItemFailure>;
    try {
      outputs = await this.run(queued.map((q) => q.input));
      if (outputs.length !== queued.length) throw new Error('a batch answered for another number of inputs');
    } catch (err) {
      for (const q of queued) q.reject(err);
      return;
    }
    queued.forEach((q, i) => {
      const output = outputs[i]!;
      if (output instanceof BatchItemFailure) q.reject(output.error);
      else q.resolve(output);
    });
  }
}
