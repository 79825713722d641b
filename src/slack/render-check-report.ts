import type { CheckReport } from '../check/evaluate-rules';
import { toSlackMessage } from '../../adapters/slack/block-kit/to-slack-message';
import { checkReportMessage } from '../render/check-report-message';
import type { SlackMessage } from './slack-message';

/** The eligibility report in Block Kit (src/render/check-report-message.ts builds it). */
export function renderCheckReport(report: CheckReport, args: string): SlackMessage {
  return toSlackMessage(checkReportMessage(report, args));
}
