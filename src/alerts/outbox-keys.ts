/** A platform's space (channel), as the outbox's per-space keys name it. */
export interface SpaceKey {
  platform: string;
  space: string;
}

/** The outbox's own Redis keys (beside BullMQ's, which live under `${prefix}:outbox:`). */
export interface OutboxKeys {
  /** Exists (with a TTL) while a space must not receive another message. */
  spacePace(where: SpaceKey): string;
  /** Exists (with a TTL) while no space of the platform may receive another message (a project-wide limit). */
  platformPace(platform: string): string;
  /** Exists (with a TTL) while an alert's message must not be updated again. */
  alertPace(alertId: string): string;
  /** Held (by one job, with a TTL) while an update of the alert's message is on its way to the platform. */
  alertSending(alertId: string): string;
  /** Set while an update job of the alert is queued and has not read the alert yet. */
  updatePending(alertId: string): string;
  /** The highest alert version shown in the chat (posted or updated). */
  shownVersion(alertId: string): string;
  /** The MessageRef (JSON) of a post the platform accepted, kept in case recording it on the alert failed. */
  posted(alertId: string): string;
  /** Why the space takes no message from the bot (Slack's not_in_channel...), while messages to it are not even tried. */
  spaceUndeliverable(where: SpaceKey): string;
}

/** The outbox's keys under `prefix`; per-space keys name the platform, so two platforms' ids never meet. */
export function outboxKeys(prefix: string): OutboxKeys {
  const base = `${prefix}:outbox-state`;
  return {
    spacePace: ({ platform, space }) => `${base}:pace:space:${platform}:${space}`,
    platformPace: (platform) => `${base}:pace:platform:${platform}`,
    alertPace: (alertId) => `${base}:pace:alert:${alertId}`,
    alertSending: (alertId) => `${base}:sending:${alertId}`,
    updatePending: (alertId) => `${base}:update-pending:${alertId}`,
    shownVersion: (alertId) => `${base}:shown:${alertId}`,
    posted: (alertId) => `${base}:posted:${alertId}`,
    spaceUndeliverable: ({ platform, space }) => `${base}:undeliverable:${platform}:${space}`,
  };
}
