import type { ConversationRef, MessageRef } from '../chat/conversation-ref';
import { ErrorClass } from '../classifier/error-class';

/** The classes that raise an alert: every gcfsd error class of docs/image-streaming.md (`none` never alerts). */
export type AlertClass = Exclude<ErrorClass, 'none'>;

/** One problem: alerts are grouped per (project, cluster, class). */
export interface ProblemKey {
  project: string;
  cluster: string;
  class: AlertClass;
}

/** The sample log line an alert shows (from the entry that opened it). */
export interface AlertSample {
  /** the classified text, cut to 500 characters */
  message: string;
  insertId: string;
  node: string | null;
  image?: string;
  quota?: { metric: string; limit: string };
}

/** One alert as stored in Redis and shared by every replica. */
export interface AlertState {
  /** url-safe, 8-64 chars [A-Za-z0-9_-], stable for (key, window start): used in button values */
  id: string;
  key: ProblemKey;
  location: string | null;
  /** where the alert goes (from the channel map, fixed when the alert opens) */
  destination: ConversationRef;
  /**
   * @deprecated destination.space, under the name readers used before the chat seam (kept for the
   * tests that read it). Derived when the record is read, never stored.
   */
  channel: string;
  /** entries counted on this alert, all windows */
  count: number;
  /** the first 20 distinct nodes seen */
  nodes: string[];
  /** distinct nodes seen (counting stops at 10,000) */
  nodesTotal: number;
  /** ISO, from entry timestamps (arrival time when an entry has none) */
  firstSeen: string;
  lastSeen: string;
  sample: AlertSample;
  /** the current window, epoch ms of the store's clock (arrival time, not entry timestamps) */
  windowStartedAt: number;
  windowEndsAt: number;
  /** set once the alert message is posted: where it is, to update it and answer in its thread */
  message?: MessageRef;
  /** @deprecated message.message (Slack: the post's ts); derived, like `channel`. */
  messageTs?: string;
  /** @deprecated message.space; derived, like `channel`. */
  messageChannel?: string;
  /** +1 on every change (the outbox coalesces updates by it) */
  version: number;
  /** entries after the first window, not yet reported in a "still happening" reply */
  afterWindow: number;
  mutedUntil?: number;
}

/** What record() did with one entry, i.e. what the outbox must do. */
export type RecordOutcome =
  /** exactly one replica ever gets this per (key, window): post the alert */
  | { kind: 'new'; alert: AlertState }
  /** count/nodes/lastSeen changed: update the alert in place (coalesced, throttled by the outbox) */
  | { kind: 'updated'; alert: AlertState }
  /** a window with unreported entries is over: reply "still happening: N more in the last W" in the thread */
  | { kind: 'still_happening'; alert: AlertState; count: number }
  | { kind: 'duplicate' }
  | { kind: 'muted'; alert: AlertState }
  /** class none, missing or malformed project/cluster */
  | { kind: 'ignored'; reason: string };
