import type { JobType } from 'bullmq';
import {
  AggregatorRegistry,
  Counter,
  Gauge,
  Histogram,
  type MetricObjectWithValues,
  type MetricValue,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';
import { isOutboxJobName } from '../alerts/outbox-jobs';
import { isSubcommand } from '../commands/catalogue';
import { isJobName } from '../queue/job-schemas';
import { withTimeout } from '../with-timeout';
import { SlackAnswer, meteredFetch, slackMethodOf } from './metered-fetch';

/** How a slash command ended, as its ack tells the user. */
export type CommandOutcome = 'ok' | 'usage_error' | 'refused' | 'error';

/** Job counts of one BullMQ queue by state (what Queue.getJobCounts answers). */
export type JobCountsReader = () => Promise<Record<string, number>>;

/** The states the queue gauge reports: a fixed list, so the label set stays bounded. */
export const QUEUE_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
  'completed',
] as const satisfies readonly JobType[];

/** Options of BotMetrics; tests shorten the queue timeout. */
export interface BotMetricsOptions {
  /** Longest wait for a queue's counts during a scrape (Redis may be down); default 1000 ms. */
  queueTimeoutMs?: number;
  /** Adds prom-client's process metrics (CPU, memory, event loop, GC); default true. */
  processMetrics?: boolean;
}

// Acks are answered in milliseconds; Slack gives up at 3 s, so 3 is a bucket of its own.
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3];
// Read jobs take under a second or two; apply jobs wait for GKE operations for minutes.
const JOB_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

/**
 * Every metric of one running bot, on a registry of its own (tests run several bots in one
 * process, and prom-client's global registry would mix them). Label values come from fixed
 * tables (subcommands, job names, queue states, Slack method and error names checked by shape),
 * never from user text, so the number of series stays bounded.
 */
/** A registry's metrics as data (what crosses from a worker thread). */
export type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

export class BotMetrics {
  readonly registry = new Registry();
  private readonly queues = new Map<string, JobCountsReader>();
  private readonly queueTimeoutMs: number;

  private readonly commands = new Counter({
    name: 'imagestream_commands_total',
    help: 'Slash commands answered, by subcommand ("unknown" for none of them) and outcome (ok, usage_error, refused, error).',
    labelNames: ['subcommand', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly ackSeconds = new Histogram({
    name: 'imagestream_command_ack_seconds',
    help: "Time from the /imagestream listener's start to its ack being sent (Bolt's signature check and parsing come before).",
    labelNames: ['subcommand'] as const,
    buckets: ACK_BUCKETS,
    registers: [this.registry],
  });
  private readonly jobSeconds = new Histogram({
    name: 'imagestream_job_duration_seconds',
    help: 'Run time of one job attempt, from start to end, by job name and outcome (completed, failed).',
    labelNames: ['job', 'outcome'] as const,
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });
  private readonly jobFailures = new Counter({
    name: 'imagestream_job_failures_total',
    help: 'Failed job attempts, by job name; final="true" when the job gave up (no retry left, or not retryable).',
    labelNames: ['job', 'final'] as const,
    registers: [this.registry],
  });
  private readonly queueJobs = new Gauge({
    name: 'imagestream_queue_jobs',
    help: 'Jobs in each BullMQ queue by state, read from Redis at scrape time.',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });
  private readonly queueUp = new Gauge({
    name: 'imagestream_queue_up',
    help: "1 when the queue's counts could be read from Redis at this scrape, 0 when not (imagestream_queue_jobs then omits it).",
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });
  private readonly alertsPosted = new Counter({
    name: 'imagestream_alerts_posted_total',
    help: 'Alert messages posted by the outbox (one per problem and destination: a Slack channel or a Google Chat space).',
    registers: [this.registry],
  });
  private readonly alertsUpdated = new Counter({
    name: 'imagestream_alerts_updated_total',
    help: 'Alert messages updated in place by the outbox (count, nodes, last seen), on Slack and Google Chat.',
    registers: [this.registry],
  });
  private readonly alertsReplied = new Counter({
    name: 'imagestream_alerts_still_happening_total',
    help: '"Still happening" replies posted in alert threads after the window.',
    registers: [this.registry],
  });
  private readonly alertDeliveryFailures = new Counter({
    name: 'imagestream_alert_delivery_failures_total',
    help: "Alert messages given up because their channel or space takes no message from the bot, by the platform's reason (Slack's error: not_in_channel, channel_not_found, is_archived; Google Chat's status: PERMISSION_DENIED, NOT_FOUND); the alerts stay stored.",
    labelNames: ['error'] as const,
    registers: [this.registry],
  });
  private readonly alertsDeduplicated = new Counter({
    name: 'imagestream_alerts_deduplicated_total',
    help: 'Log entries dropped as duplicates (an insertId already recorded: redelivery or overlapping sinks).',
    registers: [this.registry],
  });
  private readonly slackErrors = new Counter({
    name: 'imagestream_slack_api_errors_total',
    help:
      'Slack answers that were errors, per HTTP answer (retried attempts count each): by method (response_url for ' +
      "response URL posts) and error (Slack's error code, http_<status>, timeout or request_error).",
    labelNames: ['method', 'error'] as const,
    registers: [this.registry],
  });
  private readonly slackRateLimited = new Counter({
    name: 'imagestream_slack_rate_limited_total',
    help: 'HTTP 429 answers from Slack, by method (response_url for response URL posts).',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });
  private readonly pubsubReceived = new Counter({
    name: 'imagestream_pubsub_messages_received_total',
    help: 'Pub/Sub messages received by the alert subscriber (redeliveries included).',
    registers: [this.registry],
  });
  private readonly pubsubAcked = new Counter({
    name: 'imagestream_pubsub_messages_acked_total',
    help: 'Pub/Sub messages acked: their effect is stored, or they are poison.',
    registers: [this.registry],
  });
  private readonly pubsubPoison = new Counter({
    name: 'imagestream_pubsub_messages_poison_total',
    help: 'Pub/Sub messages that cannot be read (not JSON, not a LogEntry, too big): acked and dropped.',
    registers: [this.registry],
  });

  /** What AlertSubscriber counts into (its `metrics` option). */
  readonly pubsub = {
    received: (): void => this.pubsubReceived.inc(),
    acked: (): void => this.pubsubAcked.inc(),
    poison: (): void => this.pubsubPoison.inc(),
  };

  constructor(options: BotMetricsOptions = {}) {
    this.queueTimeoutMs = options.queueTimeoutMs ?? 1000;
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** One slash command acked after `ackSeconds`; an unknown subcommand is counted as "unknown". */
  command(subcommand: string, outcome: CommandOutcome, ackSeconds: number): void {
    const label = isSubcommand(subcommand) ? subcommand : 'unknown';
    this.commands.inc({ subcommand: label, outcome });
    this.ackSeconds.observe({ subcommand: label }, ackSeconds);
  }

  /**
   * A job attempt ended (a BullMQ Worker's 'completed' or 'failed' event). The outbox's jobs are
   * labelled `outbox_post`, `outbox_update` and `outbox_reply`, apart from the command jobs.
   */
  jobFinished(
    job: { name: string; processedOn?: number; finishedOn?: number } | undefined,
    outcome: 'completed' | 'failed',
    queue: 'jobs' | 'outbox' = 'jobs',
  ): void {
    const name = jobLabel(job?.name, queue);
    if (outcome === 'failed') {
      // BullMQ sets finishedOn only when the job leaves for good; a retried attempt has none.
      this.jobFailures.inc({ job: name, final: String(job?.finishedOn !== undefined) });
    }
    if (job?.processedOn !== undefined) {
      const seconds = Math.max(0, ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000);
      this.jobSeconds.observe({ job: name, outcome }, seconds);
    }
  }

  /** The outbox's done jobs: a post, an update in place, or a "still happening" reply. */
  alertSent(kind: 'posted' | 'updated' | 'replied'): void {
    ({ posted: this.alertsPosted, updated: this.alertsUpdated, replied: this.alertsReplied })[kind].inc();
  }

  /** An alert message given up: its channel or space takes no message from the bot (the sender's reason: Slack's error, Chat's status). */
  alertUndeliverable(reason: string): void {
    this.alertDeliveryFailures.inc({ error: reason });
  }

  /** A log entry the alert store had already recorded. */
  alertDeduplicated(): void {
    this.alertsDeduplicated.inc();
  }

  /** Reports the queue's counts by state at every scrape. */
  watchQueue(queue: string, counts: JobCountsReader): void {
    this.queues.set(queue, counts);
  }

  /**
   * A fetch for Slack clients (WebClient's `fetch` option, postToResponseUrl's) that counts 429s and
   * errors, by the Web API method of each URL under `slackApiUrl` (bounded: see metered-fetch), or
   * `response_url` for any other.
   */
  slackFetch(slackApiUrl: string): typeof fetch {
    const methodOf = slackMethodOf(slackApiUrl);
    return meteredFetch(fetch, (url, answer) => this.countSlackAnswer(methodOf(url), answer));
  }

  /**
   * The Prometheus text exposition. Answers even when Redis does not (queues then say up 0). With
   * `others` (the metrics of a worker thread of this process, as `registry.getMetricsAsJSON()`
   * gives them), one exposition of both: counters and histograms summed per label set.
   */
  async scrape(others?: () => Promise<MetricsJson>): Promise<{ contentType: string; body: string }> {
    await this.readQueues();
    if (!others) return { contentType: this.registry.contentType, body: await this.registry.metrics() };
    const merged = AggregatorRegistry.aggregate([await this.registry.getMetricsAsJSON(), await others()]);
    return { contentType: this.registry.contentType, body: await merged.metrics() };
  }

  private countSlackAnswer(method: string, answer: SlackAnswer): void {
    if (answer.kind === 'rate_limited') this.slackRateLimited.inc({ method });
    else if (answer.kind === 'error') this.slackErrors.inc({ method, error: answer.error });
  }

  private async readQueues(): Promise<void> {
    // Reset first: a queue that cannot be read shows no numbers rather than stale ones.
    this.queueJobs.reset();
    await Promise.all(
      [...this.queues].map(async ([queue, read]) => {
        try {
          const counts = await withTimeout(read(), this.queueTimeoutMs);
          for (const state of QUEUE_STATES) this.queueJobs.set({ queue, state }, counts[state] ?? 0);
          this.queueUp.set({ queue }, 1);
        } catch {
          this.queueUp.set({ queue }, 0);
        }
      }),
    );
  }
}

/** A job's metric label: its name when it is one of the queue's (bounded), else `unknown`. */
function jobLabel(name: string | undefined, queue: 'jobs' | 'outbox'): string {
  if (name === undefined) return 'unknown';
  if (queue === 'outbox') return isOutboxJobName(name) ? `outbox_${name}` : 'unknown';
  return isJobName(name) ? name : 'unknown';
}
