import { toSlackMessage } from '../../adapters/slack/block-kit/to-slack-message';
import type { ErrorsSummary } from '../cloud-logging/query-gcfsd-errors';
import { errorsSummaryMessage } from '../render/errors-summary-message';
import type { SlackMessage } from './slack-message';

/** `/imagestream errors` as Block Kit (see errorsSummaryMessage in src/render). */
export function renderErrorsSummary(summary: ErrorsSummary): SlackMessage {
  return toSlackMessage(errorsSummaryMessage(summary));
}
