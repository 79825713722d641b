import type { KnownBlock } from '@slack/types';
import { CheckReport, groupSameAnswer } from '../check/evaluate-rules';
import { contextBlock, headerBlock, sectionBlock } from './block-builders';
import { codeSpan } from './code-span';
import { packLines } from './pack-lines';
import { SLACK_LIMITS, SlackMessage, escapeMrkdwn, fitMessage } from './slack-message';

const VERDICT: Record<CheckReport['verdict'], string> = {
  eligible: ':white_check_mark: Eligible: this image will be streamed',
  not_eligible: ':x: Not eligible: this image will not be streamed (or the workload breaks)',
  unknown: ':grey_question: Unknown: no rule fails, but some facts could not be read',
};

const MARK: Record<'fail' | 'unknown' | 'warn', string> = {
  fail: ':x: *fail*',
  unknown: ':grey_question: *unknown*',
  warn: ':warning: *warn*',
};

/**
 * The eligibility report in Block Kit: verdict header, the image, one line per failing, unknown or
 * warning rule with its fix in a code span, skipped rules with the flags that settle them, passing
 * rules folded into one context line, then the notes. `args` is what the user typed after
 * `check`, for the pointer to the full report when the message has to be cut.
 */
export function renderCheckReport(report: CheckReport, args: string): SlackMessage {
  const blocks: KnownBlock[] = [
    headerBlock(VERDICT[report.verdict]),
    sectionBlock(`Image ${codeSpan(report.image)}${basis(report)}`),
  ];

  const attention: string[] = [];
  for (const status of ['fail', 'unknown', 'warn'] as const) {
    for (const group of groupSameAnswer(report.rules.filter((r) => r.status === status))) {
      const ids = group.ids.map((id) => codeSpan(id)).join(', ');
      attention.push(
        `${MARK[status]} ${ids}: ${escapeMrkdwn(group.reason)}${group.fix ? `\n      fix: ${codeSpan(group.fix)}` : ''}`,
      );
    }
  }
  for (const chunk of packLines(attention, SLACK_LIMITS.sectionText)) blocks.push(sectionBlock(chunk));

  const skipped = report.rules.filter((r) => r.status === 'skip');
  if (skipped.length > 0) {
    const flags = [...new Set(skipped.flatMap((r) => r.settledBy ?? []))];
    blocks.push(
      sectionBlock(
        `:fast_forward: *skipped* (facts not given): ${skipped.map((r) => codeSpan(r.id)).join(', ')}` +
          (flags.length > 0 ? `\nThese flags would settle them: ${flags.map((f) => codeSpan(f)).join(' ')}` : ''),
      ),
    );
  }

  const passed = report.rules.filter((r) => r.status === 'pass');
  if (passed.length > 0) {
    const ids = passed.map((r) => escapeMrkdwn(r.id)).join(', ');
    blocks.push(contextBlock(`:white_check_mark: ${passed.length} rule${passed.length > 1 ? 's' : ''} pass: ${ids}`));
  }
  for (const note of report.notes) blocks.push(contextBlock(`:information_source: ${escapeMrkdwn(note)}`));

  const counts = (['fail', 'unknown', 'warn'] as const)
    .map((s) => [s, report.rules.filter((r) => r.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const summary = counts.length > 0 ? ` (${counts.join(', ')})` : '';
  const text = `${escapeMrkdwn(report.image)}: ${report.verdict.replace('_', ' ')}${summary}`;
  return fitMessage(
    { text, blocks },
    `… cut: run ${codeSpan(`imagestream check ${args}`)} in a terminal for the full report`,
  );
}

// Said when the verdict rests on partial facts, as the CLI says it.
function basis(report: CheckReport): string {
  const skipped = report.rules.filter((r) => r.status === 'skip').length;
  if (skipped === 0 || report.verdict === 'not_eligible') return '';
  return ` (on the facts given: ${skipped} rule${skipped > 1 ? 's' : ''} skipped)`;
}
