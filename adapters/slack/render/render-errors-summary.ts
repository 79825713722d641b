import { toSlackMessage } from '../block-kit/to-slack-message';
import type { ErrorsSummary } from '../../../src/cloud-logging/query-gcfsd-errors';
import { errorsSummaryMessage } from '../../../src/render/errors-summary-message';
import type { SlackMessage } from '../block-kit/slack-message';

/** `/imagestream errors` as Block Kit (see errorsSummaryMessage in src/render). */
export function renderErrorsSummary(summary: ErrorsSummary): SlackMessage {
  return toSlackMessage(errorsSummaryMessage(summary));
}
