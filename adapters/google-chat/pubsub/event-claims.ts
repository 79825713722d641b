import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { withRedis } from '../../../src/approvals/with-redis';
import { CLAIM_SCRIPT, DONE_SCRIPT, RELEASE_SCRIPT, RENEW_SCRIPT } from './event-claim-scripts';

/** Options of EventClaims. */
export interface EventClaimsOptions {
  /** Prefix of every key (the app's Redis prefix); keys are `PREFIX gchat-event:ID` and `PREFIX gchat-poison:ID`. */
  keyPrefix: string;
  /** How long a claim holds without renewal: a replica that dies mid-event frees it after this; default 60 s. */
  leaseMs?: number;
  /** How long a handled (or poison) message id is remembered; default 24 h, far past any Pub/Sub redelivery. */
  doneTtlMs?: number;
}

/** Our claim on one event: renewed while we handle it, then marked done or released. */
export interface EventLease {
  /** Extends the lease; false when it is no longer ours (it ran out and another replica claimed the event). */
  renew(): Promise<boolean>;
  /** Marks the event handled; `lost` when another replica had claimed it after our lease ran out. */
  done(): Promise<'done' | 'lost'>;
  /** Frees the event at once so a redelivery, to any replica, handles it again. */
  release(): Promise<void>;
}

/** What a claim found: ours to handle, handled already, or being handled by another replica right now. */
export type ClaimResult = { kind: 'claimed'; lease: EventLease } | { kind: 'done' } | { kind: 'busy' };

/**
 * Exactly-once handling of Chat events pulled from Pub/Sub, across replicas and redeliveries, by
 * Pub/Sub message id. Pub/Sub delivers at least once: a message may come again (a nack, an expired
 * ack deadline, a lost ack), to this replica or another, even while the first delivery is being
 * handled. The rules (the alert store's lease in src/alerts/alert-scripts.ts is the model):
 *
 * - Before handling, a replica claims the id: a lease key set only if absent (one Lua script, so
 *   two replicas cannot both win). The lease is renewed while the handler runs, so a slow handler
 *   keeps it, and expires on its own if the replica dies, so the event is never stuck.
 * - Handled: the key becomes `done` for ~24 h and the message is acked. Every later delivery
 *   finds `done` and is acked as a duplicate: the command never runs twice.
 * - Handler failed: the lease is deleted and the message nacked, so the redelivery claims it anew
 *   and retries. If the delete fails too, the lease simply runs out first: retried, never lost.
 * - A delivery that finds another replica's lease (`busy`) is nacked, not acked: that replica may
 *   still fail and release it. Its redelivery acks as a duplicate only once the key says `done`,
 *   or handles the event if the lease was released or ran out. So no delivery is acked before the
 *   event's effect is recorded: never lost.
 * - Redis unreachable at the claim: the message is nacked (retried later), never acked unhandled.
 * - Redis unreachable when marking done, after the handler succeeded: the message is acked anyway
 *   (the effect happened; a nack would make the lease's expiry re-run it). Only a Pub/Sub
 *   redelivery of an acked message after the lease ran out could then run it again.
 * - Each lease carries a random token: renew, done and release touch only the key holding our own
 *   token, so a replica whose lease ran out cannot free or finish another replica's claim.
 *
 * The one window left is a replica cut off from Redis for a whole lease while its handler runs:
 * the lease cannot be renewed, and another replica may claim the redelivered event. The default
 * lease (60 s, renewed every 20 s) makes that a Redis outage longer than the handler's own
 * Redis calls would survive.
 */
export class EventClaims {
  readonly leaseMs: number;
  private readonly doneTtlMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly options: EventClaimsOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.doneTtlMs = options.doneTtlMs ?? 24 * 60 * 60 * 1000;
  }

  /** Claims the event with this Pub/Sub message id; RemoteError when Redis fails. */
  async claim(messageId: string): Promise<ClaimResult> {
    const key = this.eventKey(messageId);
    const value = `lease:${randomUUID()}`;
    const result = await withRedis('claim Google Chat event', () =>
      this.redis.eval(CLAIM_SCRIPT, 1, key, value, this.leaseMs),
    );
    if (result === 'done') return { kind: 'done' };
    if (result === 'busy') return { kind: 'busy' };
    return { kind: 'claimed', lease: this.lease(key, value) };
  }

  /** True the first time a poison message id is seen (so it is counted and logged once across replicas). */
  async firstPoison(messageId: string): Promise<boolean> {
    const set = await withRedis('record poison Google Chat message', () =>
      this.redis.set(`${this.options.keyPrefix}gchat-poison:${messageId}`, '1', 'PX', this.doneTtlMs, 'NX'),
    );
    return set === 'OK';
  }

  private lease(key: string, value: string): EventLease {
    return {
      renew: async () =>
        (await withRedis('renew Google Chat event claim', () =>
          this.redis.eval(RENEW_SCRIPT, 1, key, value, this.leaseMs),
        )) === 1,
      done: async () =>
        (await withRedis('mark Google Chat event done', () =>
          this.redis.eval(DONE_SCRIPT, 1, key, value, this.doneTtlMs),
        )) === 'lost'
          ? 'lost'
          : 'done',
      release: async () => {
        await withRedis('release Google Chat event claim', () => this.redis.eval(RELEASE_SCRIPT, 1, key, value));
      },
    };
  }

  private eventKey(messageId: string): string {
    return `${this.options.keyPrefix}gchat-event:${messageId}`;
  }
}
