/** The outbox's own Redis keys (beside BullMQ's, which live under `${prefix}:outbox:`). */
export interface OutboxKeys {
  /** Exists (with a TTL) while a channel must not receive another message. */
  channelPace(channel: string): string;
  /** Exists (with a TTL) while an alert's message must not be updated again. */
  alertPace(alertId: string): string;
  /** Held (by one job, with a TTL) while an update of the alert's message is on its way to Slack. */
  alertSending(alertId: string): string;
  /** Set while an update job of the alert is queued and has not read the alert yet. */
  updatePending(alertId: string): string;
  /** The highest alert version shown in Slack (posted or updated). */
  shownVersion(alertId: string): string;
  /** `channel ts` of a post Slack accepted, kept in case recording it on the alert failed. */
  posted(alertId: string): string;
  /** Slack's error (not_in_channel...), while messages to the channel are not even tried. */
  channelUndeliverable(channel: string): string;
}

/** The outbox's keys under `prefix`. */
export function outboxKeys(prefix: string): OutboxKeys {
  const base = `${prefix}:outbox-state`;
  return {
    channelPace: (channel) => `${base}:pace:channel:${channel}`,
    alertPace: (alertId) => `${base}:pace:alert:${alertId}`,
    alertSending: (alertId) => `${base}:sending:${alertId}`,
    updatePending: (alertId) => `${base}:update-pending:${alertId}`,
    shownVersion: (alertId) => `${base}:shown:${alertId}`,
    posted: (alertId) => `${base}:posted:${alertId}`,
    channelUndeliverable: (channel) => `${base}:undeliverable:${channel}`,
  };
}
