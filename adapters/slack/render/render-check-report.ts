import type { CheckReport } from '../../../src/check/evaluate-rules';
import { toSlackMessage } from '../block-kit/to-slack-message';
import { checkReportMessage } from '../../../src/render/check-report-message';
import type { SlackMessage } from '../block-kit/slack-message';

/** The eligibility report in Block Kit (src/render/check-report-message.ts builds it). */
export function renderCheckReport(report: CheckReport, args: string): SlackMessage {
  return toSlackMessage(checkReportMessage(report, args));
}
