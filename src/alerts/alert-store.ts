import { hash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { withRedis } from '../approvals/with-redis';
import {
  type ConversationRef,
  type MessageRef,
  conversationRefSchema,
  messageRefSchema,
} from '../chat/conversation-ref';
import { ClassifiedEntry } from '../classifier/classify-entry';
import { RemoteError, UsageError } from '../errors';
import { DESTINATION_PLATFORMS, messageIdFits } from './alert-destinations';
import { alertIdSchema } from './alert-id';
import { fromHash, pairsToHash } from './alert-record';
import { MARK_REPORTED_SCRIPT, MUTE_SCRIPT, RECORD_SCRIPT, SET_MESSAGE_SCRIPT, SETTLE_SCRIPT } from './alert-scripts';
import { EntryProblem, entryDedupId, entryProblem, problemKeyOf } from './entry-problem';
import { AlertState, ProblemKey, RecordOutcome } from './problem';
import { BatchItemFailure, PerTurnBatch } from './per-turn-batch';
import { runScript } from './run-script';
import { parseOr } from '../validation/parse-or';

/** Options of AlertStore. */
export interface AlertStoreOptions {
  /** Prefix of every key the store writes, e.g. `imagestream:alerts:`. */
  keyPrefix: string;
  /** One alert per problem within this window; default 10 min. */
  windowMs?: number;
  /** How long an insertId is remembered for deduplication; default 24 h. */
  dedupTtlMs?: number;
  /** How long a redelivered entry waits for the replica that holds it before replaying its outcome; default 60 s. */
  leaseMs?: number;
  /** The clock, epoch ms; tests move it. */
  now?: () => number;
  /**
   * Where the alerts of a problem go (alertRoutes): one destination, or several (at most one per
   * platform: one alert each); null or empty when nowhere.
   */
  destinationFor: (key: ProblemKey) => ConversationRef | readonly ConversationRef[] | null;
  /**
   * Whether a posted message's id is one its platform issues, checked before it is stored. Default:
   * the platforms the channel map routes to (alert-destinations.ts); a platform whose destinations
   * come from elsewhere (`destinationFor`) says how its own ids look.
   */
  messageIdFits?: (ref: MessageRef) => boolean;
  /** Told when an alert opens or is muted (the App Home refreshes); must not throw. */
  onChange?: () => void;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const optionsSchema = z.object({
  keyPrefix: z.string().min(1).max(200),
  windowMs: z.number().int().min(1).max(DAY).optional(),
  dedupTtlMs: z
    .number()
    .int()
    .min(1)
    .max(30 * DAY)
    .optional(),
  leaseMs: z.number().int().min(1).max(DAY).optional(),
});
const MAX_MUTE_MS = 30 * DAY;

/**
 * What recordBatch answers for one entry: its outcomes (as recordAll's) and `dedupId`, which names
 * the entry's dedup markers (settleMany takes it back instead of hashing the entry again; absent when
 * the entry was not recorded, e.g. ignored), or why it was not recorded.
 */
export type RecordedEntry = { outcomes: RecordOutcome[]; dedupId?: string } | { error: unknown };

/** What settleMany takes for one entry (see settle); `dedupId` from recordBatch spares a hash of the entry. */
export interface EntrySettle {
  entry: ClassifiedEntry;
  handled: boolean;
  platform?: string;
  dedupId?: string;
}
/** The platform whose keys have no suffix: the only one before Google Chat, so its alerts in Redis keep their keys. */
const LEGACY_PLATFORM = 'slack';

/**
 * Alerts in Redis, shared by every bot replica: deduplication on the entry's insertId and
 * grouping per problem (project, cluster, class) in a Lua script (one call for the entries that
 * arrived together, each recorded in turn), so concurrent replicas agree and exactly one is told
 * to post each alert.
 *
 * A problem routed to several destinations (a Slack channel and a Google Chat space) has one alert
 * per destination, each with its own message and counts; the one script records every entry for
 * every destination of its problem, so their counts agree. Keys per destination: a Slack
 * destination keeps the keys written before there was a second platform (problem pointer, dedup
 * marker, candidate id), so alerts and pending entries in Redis from the previous version go on
 * updating, never posting twice after a deploy; another platform's keys end in `:<platform>`.
 * The mute key is per problem: a mute from either platform mutes the problem everywhere.
 *
 * Every outcome new/updated/still_happening leaves the entry "pending" for its destination until
 * settle(): a redelivery of an entry whose outcome never reached the outbox (the replica crashed, or
 * its hand-over failed) gets the same outcome again instead of a duplicate, so no alert is lost
 * and no count moves twice.
 */
export class AlertStore {
  private readonly prefix: string;
  private readonly windowMs: number;
  private readonly dedupTtlMs: number;
  private readonly leaseMs: number;
  private readonly now: () => number;
  private readonly destinationFor: AlertStoreOptions['destinationFor'];
  private readonly messageIdFits: (ref: MessageRef) => boolean;
  private readonly onChange: () => void;
  /** recordAll calls of one turn, recorded in one script call (a misrouted problem fails its own entries). */
  private readonly turnBatch = new PerTurnBatch<ClassifiedEntry, RecordOutcome[]>(async (entries) =>
    (await this.recordBatch(entries)).map((result) =>
      'error' in result ? new BatchItemFailure(result.error) : result.outcomes,
    ),
  );

  constructor(
    private readonly redis: Redis,
    options: AlertStoreOptions,
  ) {
    parseOr(optionsSchema, options, (issue) => new UsageError(`invalid alert store options: ${issue.message}`));
    this.prefix = options.keyPrefix;
    this.windowMs = options.windowMs ?? 10 * MINUTE;
    this.dedupTtlMs = options.dedupTtlMs ?? DAY;
    this.leaseMs = options.leaseMs ?? MINUTE;
    this.now = options.now ?? Date.now;
    this.destinationFor = options.destinationFor;
    this.messageIdFits = options.messageIdFits ?? messageIdFits;
    this.onChange = options.onChange ?? (() => undefined);
  }

  /**
   * True the first time (within dedupTtlMs) any replica sees this Pub/Sub message id as poison:
   * Pub/Sub redelivers a message (to any replica) whose ack did not land in time, and an unreadable
   * message is counted and logged once. RemoteError when Redis fails.
   */
  async firstPoison(messageId: string): Promise<boolean> {
    const set = await withRedis('record poison message', () =>
      this.redis.set(this.poisonKey(messageId), '1', 'PX', this.dedupTtlMs, 'NX'),
    );
    return set === 'OK';
  }

  /**
   * Deduplicates and groups one classified entry routed to one destination, atomically; RemoteError
   * when Redis fails. UsageError (before anything is written) when the problem has several
   * destinations: their outcomes come from recordAll.
   */
  async record(entry: ClassifiedEntry): Promise<RecordOutcome> {
    const now = this.now();
    const problem = entryProblem(entry, now);
    if ('ignored' in problem) return { kind: 'ignored', reason: problem.ignored };
    if (this.destinationsOf(problem.key).length > 1)
      throw new UsageError('record() takes entries with one destination; use recordAll()');
    const [outcome] = await this.recordAll(entry);
    return outcome!;
  }

  /**
   * Deduplicates and groups one classified entry for every destination of its problem, in one
   * atomic script: one outcome per destination, in the order of destinationFor (a single
   * `ignored` when the entry raises no alert or has nowhere to go). RemoteError when Redis fails.
   * Calls made in the same turn (a subscriber's batch of messages) share one script call and one
   * round trip; their alerts are as the whole call left them.
   */
  async recordAll(entry: ClassifiedEntry): Promise<RecordOutcome[]> {
    return this.turnBatch.add(entry);
  }

  /**
   * recordAll for entries that arrived together, in one script call (one round trip): the
   * outcomes of each entry (or why it was not recorded), in the order given, with its dedup id
   * (RecordedEntry). The alert subscriber calls it once per batch: one promise for the batch, not
   * one per entry as recordAll would. An entry given twice is a duplicate the second time, as in
   * two recordAll calls. The alerts in the outcomes are as the whole batch left them
   * (one state per alert, shared by its outcomes). RemoteError when Redis fails: then nothing of the
   * batch is recorded (the script runs atomically) or, if the answer was lost, all of it is, and the
   * redelivery replays the outcomes.
   */
  async recordBatch(entries: readonly ClassifiedEntry[]): Promise<RecordedEntry[]> {
    const now = this.now();
    const results: Array<RecordedEntry | { destinations: ConversationRef[]; dedupId: string }> = [];
    // RECORD_SCRIPT's layout (alert-scripts.ts): what entries of one problem share goes once, in
    // the order the problems first appear, then each entry.
    const problemKeys: string[] = [];
    const problemArgs: Array<string | number> = [];
    const entryKeys: string[] = [];
    const entryArgs: Array<string | number> = [];
    // Per problem of the call: its number in the script's list and its destinations, checked once.
    const problems = new Map<string, { index: number; destinations: ConversationRef[] } | { error: unknown }>();
    for (const entry of entries) {
      const problem = entryProblem(entry, now);
      if ('ignored' in problem) {
        results.push({ outcomes: [{ kind: 'ignored', reason: problem.ignored }] });
        continue;
      }
      let known = problems.get(problem.keyHash);
      if (known === undefined) {
        known = this.addProblem(problem, problems.size + 1, now, problemKeys, problemArgs);
        problems.set(problem.keyHash, known);
      }
      if ('error' in known) {
        // A misrouted problem fails its own entries, not the others of the batch.
        results.push(known);
        continue;
      }
      if (known.destinations.length === 0) {
        results.push({ outcomes: [{ kind: 'ignored', reason: 'no alert channel for this problem' }] });
        continue;
      }
      results.push({ destinations: known.destinations, dedupId: problem.dedupId });
      entryArgs.push(known.index, problem.location ?? '', problem.node ?? '', problem.seen, problem.seenMs);
      for (const { platform } of known.destinations) entryKeys.push(this.dedupKey(problem.dedupId, platform));
    }
    if (entryKeys.length === 0) return results as RecordedEntry[];
    const numKeys = 1 + problemKeys.length + entryKeys.length;
    const argv: Array<string | number> = [this.openKey(), ...problemKeys, ...entryKeys];
    argv.push(
      now,
      this.windowMs,
      this.dedupTtlMs,
      this.alertTtlMs(),
      this.leaseMs,
      `${this.prefix}alert:`,
      this.indexTtlMs(),
      // Problems whose entries were all left out (misrouted, nowhere to go) are in the list too, unused.
      problems.size,
      ...problemArgs,
      ...entryArgs,
    );
    const reply = await withRedis('record alert entries', () => runScript(this.redis, RECORD_SCRIPT, numKeys, argv));
    if (!Array.isArray(reply) || reply.length !== 2 || !Array.isArray(reply[0]) || !Array.isArray(reply[1]))
      throw new RemoteError('unexpected answer from the alert script');
    const [perEntry, hashes] = reply as [unknown[], unknown[]];
    const alerts = new Map<string, AlertState>();
    for (let i = 0; i + 1 < hashes.length; i += 2) alerts.set(String(hashes[i]), fromHash(pairsToHash(hashes[i + 1])));
    let next = 0;
    let opened = false;
    const outcomes = results.map((result): RecordedEntry => {
      if (!('destinations' in result)) return result;
      const answer = perEntry[next++];
      if (!Array.isArray(answer) || answer.length !== result.destinations.length)
        throw new RemoteError('unexpected answer from the alert script');
      const recorded = answer.map((one) => {
        const outcome = this.outcomeOf(one, alerts);
        if (outcome.kind === 'new') opened = true;
        return outcome;
      });
      return { outcomes: recorded, dedupId: result.dedupId };
    });
    if (next !== perEntry.length) throw new RemoteError('unexpected answer from the alert script');
    if (opened) this.onChange();
    return outcomes;
  }

  /**
   * Adds problem number `index` to RECORD_SCRIPT's keys and arguments: its mute key, names, key
   * hash and sample (of its first entry in the call), then per destination its pointer, candidate
   * id (stable for this `now`) and destination. Returns its destinations, or why they could not be
   * read (the problem is still added, with none, so the numbers of the others hold).
   */
  private addProblem(
    problem: EntryProblem,
    index: number,
    now: number,
    keys: string[],
    args: Array<string | number>,
  ): { index: number; destinations: ConversationRef[] } | { error: unknown } {
    let destinations: ConversationRef[] | { error: unknown };
    try {
      destinations = this.destinationsOf(problem.key);
    } catch (err) {
      destinations = { error: err };
    }
    const routed = Array.isArray(destinations) ? destinations : [];
    const { project, cluster, class: errorClass } = problem.key;
    keys.push(`${this.prefix}mute:${problem.keyHash}`);
    args.push(
      routed.length,
      project,
      cluster,
      errorClass,
      problem.keyHash,
      routed.length ? JSON.stringify(problem.sample) : '',
    );
    for (const { platform, space } of routed) {
      keys.push(this.pointerKey(problem.keyHash, platform));
      args.push(this.candidateId(problem, now, platform), JSON.stringify({ platform, space }));
    }
    return Array.isArray(destinations) ? { index, destinations } : destinations;
  }

  /** One destination's answer of RECORD_SCRIPT as an outcome. */
  private outcomeOf(one: unknown, alerts: Map<string, AlertState>): RecordOutcome {
    if (!Array.isArray(one) || one.length === 0) throw new RemoteError('unexpected answer from the alert script');
    const status = String(one[0]);
    if (status === 'duplicate') return { kind: 'duplicate' };
    if (status === 'muted_gone') return { kind: 'ignored', reason: 'the problem is muted' };
    const alert = alerts.get(String(one[1]));
    if (!alert) throw new RemoteError('unexpected answer from the alert script');
    switch (status) {
      case 'new':
      case 'updated':
      case 'muted':
        return { kind: status, alert };
      case 'still_happening':
        return { kind: status, alert, count: Number(one[2]) };
      default:
        throw new RemoteError(`unexpected answer from the alert script: ${status.slice(0, 40)}`);
    }
  }

  /**
   * Ends the hand-over of an entry's outcomes: `handled` true once their effect is stored (the
   * entry is then a plain duplicate for dedupTtlMs), false when it failed (the redelivery replays
   * the outcome at once). Every destination of the entry's problem, or only the one on `platform`
   * (the subscriber settles each outcome as it is handed over). Entries record() ignored need no
   * settle; calling it is harmless, and a destination already settled as handled stays so.
   */
  async settle(entry: ClassifiedEntry, handled: boolean, platform?: string): Promise<void> {
    await this.settleMany([{ entry, handled, platform }]);
  }

  /** settle() for several entries in one round trip (a script call per `handled` value given). */
  async settleMany(settles: readonly EntrySettle[]): Promise<void> {
    const markers: Record<'1' | '0', string[]> = { '1': [], '0': [] };
    for (const { entry, handled, platform, dedupId } of settles) {
      const flag = handled ? '1' : '0';
      if (dedupId !== undefined && platform !== undefined) {
        markers[flag].push(this.dedupKey(dedupId, platform));
        continue;
      }
      // Only the entry's marker is needed, not its whole problem (a sample and a second hash).
      const key = problemKeyOf(entry);
      if ('ignored' in key) continue;
      const id = dedupId ?? entryDedupId(entry, key);
      const platforms = platform !== undefined ? [platform] : this.destinationsOf(key).map((d) => d.platform);
      for (const p of platforms) markers[flag].push(this.dedupKey(id, p));
    }
    const calls = (['1', '0'] as const).filter((flag) => markers[flag].length > 0);
    if (calls.length === 0) return;
    await withRedis('settle alert entry', async () => {
      for (const flag of calls)
        await runScript(this.redis, SETTLE_SCRIPT, markers[flag].length, [...markers[flag], flag]);
    });
  }

  /** The alert, or null if there is none or the id is not of our shape (it comes from a button value). */
  async get(id: string): Promise<AlertState | null> {
    if (!alertIdSchema.safeParse(id).success) return null;
    const hash = await withRedis('read alert', () => this.redis.hgetall(this.alertKey(id)));
    if (Object.keys(hash).length === 0) return null;
    return fromHash(hash);
  }

  /** Records where the alert was posted, for updates and thread replies. No-op if the alert is gone. */
  async setMessage(id: string, ref: MessageRef): Promise<void> {
    if (!alertIdSchema.safeParse(id).success) throw new UsageError('no alert has that id');
    const parsed = messageRefSchema.safeParse(ref);
    if (!parsed.success || !this.messageIdFits(parsed.data)) {
      throw new UsageError(`invalid message reference ${JSON.stringify(ref).slice(0, 160)}`);
    }
    const { platform, space, message } = parsed.data;
    await withRedis('record alert message', () =>
      this.redis.eval(SET_MESSAGE_SCRIPT, 1, this.alertKey(id), JSON.stringify({ platform, space, message })),
    );
  }

  /** Mutes the alert's problem (every alert of that key, not just this id) until now+forMs; null if the alert is gone. */
  async mute(id: string, forMs: number): Promise<AlertState | null> {
    return (await this.muteProblem(id, forMs))?.alert ?? null;
  }

  /**
   * Mutes the alert's problem until now+forMs, on every destination: `alert` is the one muted
   * (from a button on its message), `alsoMuted` the ids of the problem's current alerts on its
   * other destinations, marked muted too (their messages need an update to say so). Null if the
   * alert is gone.
   */
  async muteProblem(id: string, forMs: number): Promise<{ alert: AlertState; alsoMuted: string[] } | null> {
    if (!alertIdSchema.safeParse(id).success) return null;
    if (!Number.isInteger(forMs) || forMs < 1 || forMs > MAX_MUTE_MS) {
      throw new UsageError('a mute lasts from 1 ms to 30 days');
    }
    const before = await this.get(id);
    if (!before) return null;
    // Every platform the problem may have an alert on: those alerts can be routed to, and its routes now.
    const platforms = new Set([...DESTINATION_PLATFORMS, ...this.destinationsOf(before.key).map((d) => d.platform)]);
    const reply = await withRedis('mute alert', () =>
      this.redis.eval(
        MUTE_SCRIPT,
        1,
        this.alertKey(id),
        this.now(),
        forMs,
        `${this.prefix}mute:`,
        this.windowMs,
        `${this.prefix}alert:`,
        `${this.prefix}problem:`,
        ...[...platforms].map((p) => this.platformSuffix(p)),
      ),
    );
    if (!Array.isArray(reply) || reply.length === 0) return null;
    const alert = fromHash(pairsToHash(reply[0]));
    const alsoMuted = (Array.isArray(reply[1]) ? reply[1] : [])
      .map(String)
      .filter((o) => alertIdSchema.safeParse(o).success);
    this.onChange();
    return { alert, alsoMuted };
  }

  /**
   * Stored alerts, most recently active first (default 50, at most 200): alerts live
   * max(dedupTtl, 3 windows), longer while muted. Index entries whose alert has expired are
   * dropped on the way; an unreadable record is left out (get(id) reports it).
   */
  async listOpen(limit = 50): Promise<AlertState[]> {
    const count = Math.min(200, Math.max(1, Math.trunc(Number.isFinite(limit) ? limit : 50)));
    return withRedis('list open alerts', async () => {
      const ids = await this.redis.zrevrange(this.openKey(), 0, count - 1);
      if (ids.length === 0) return [];
      const pipeline = this.redis.pipeline();
      for (const id of ids) pipeline.hgetall(this.alertKey(id));
      const replies = (await pipeline.exec()) ?? [];
      const open: AlertState[] = [];
      const gone: string[] = [];
      replies.forEach(([err, hash], i) => {
        const fields = hash as Record<string, string> | undefined;
        if (err || !fields) return;
        if (Object.keys(fields).length === 0) return void gone.push(ids[i]!);
        try {
          open.push(fromHash(fields));
        } catch {
          // One bad record must not hide the others.
        }
      });
      if (gone.length > 0) await this.redis.zrem(this.openKey(), ...gone);
      return open;
    });
  }

  /** Marks `count` after-window entries as reported (called by whoever posts the "still happening" reply). */
  async markReported(id: string, count: number): Promise<void> {
    if (!alertIdSchema.safeParse(id).success) throw new UsageError('no alert has that id');
    if (!Number.isInteger(count) || count < 0) throw new UsageError('the reported count must be a whole number');
    await withRedis('mark alert entries reported', () =>
      this.redis.eval(MARK_REPORTED_SCRIPT, 1, this.alertKey(id), count),
    );
  }

  /** Alerts live long enough to tell "still happening" from "back after a quiet window". */
  private alertTtlMs(): number {
    return Math.max(this.dedupTtlMs, 3 * this.windowMs);
  }

  /** No alert outlives its longest mute by much: older index entries can only point at expired alerts. */
  private indexTtlMs(): number {
    return MAX_MUTE_MS + this.alertTtlMs();
  }

  private alertKey(id: string): string {
    return `${this.prefix}alert:${id}`;
  }

  private openKey(): string {
    return `${this.prefix}open`;
  }

  private poisonKey(messageId: string): string {
    return `${this.prefix}poison:${messageId}`;
  }

  /**
   * The destinations of a problem, checked (they may come from a caller's function), at most one per
   * platform: a platform's keys hold one alert per problem. UsageError otherwise.
   */
  private destinationsOf(key: ProblemKey): ConversationRef[] {
    const routed = this.destinationFor(key);
    const list = routed === null ? [] : Array.isArray(routed) ? routed : [routed as ConversationRef];
    const destinations: ConversationRef[] = [];
    for (const candidate of list) {
      const parsed = conversationRefSchema.safeParse(candidate);
      if (!parsed.success) continue; // an id no platform issues: nowhere, as an unmapped problem
      if (destinations.some((d) => d.platform === parsed.data.platform))
        throw new UsageError(`a problem is routed to two ${parsed.data.platform} destinations; one per platform`);
      destinations.push(parsed.data);
    }
    return destinations;
  }

  /** '' for Slack (the keys written before a second platform existed), `:<platform>` for the others. */
  private platformSuffix(platform: string): string {
    return platform === LEGACY_PLATFORM ? '' : `:${platform}`;
  }

  /** The problem's pointer to its current alert on one platform's destination. */
  private pointerKey(keyHash: string, platform: string): string {
    return `${this.prefix}problem:${keyHash}${this.platformSuffix(platform)}`;
  }

  /** An entry's dedup marker for one destination. */
  private dedupKey(dedupId: string, platform: string): string {
    return `${this.prefix}seen:${dedupId}${this.platformSuffix(platform)}`;
  }

  /** Stable for (problem, window start, platform): a retried script creates the same id. */
  private candidateId(problem: EntryProblem, now: number, platform: string): string {
    return hash('sha256', `${problem.keyHash}:${now}${this.platformSuffix(platform)}`, 'base64url').slice(0, 22);
  }
}
