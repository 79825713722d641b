import { CheckReport, groupSameAnswer } from '../check/evaluate-rules';
import type { DocumentBlock, MessageDocument } from '../chat/message-document';
import { bold, code, emoji, joinRich, rich, type EmojiName, type RichText } from '../chat/rich-text';

const VERDICT: Record<CheckReport['verdict'], { emoji: EmojiName; text: string }> = {
  eligible: { emoji: 'white_check_mark', text: 'Eligible: this image will be streamed' },
  not_eligible: {
    emoji: 'x',
    text: 'Not eligible: this image will not be streamed (or the workload breaks)',
  },
  unknown: { emoji: 'grey_question', text: 'Unknown: no rule fails, but some facts could not be read' },
};

const MARK: Record<'fail' | 'unknown' | 'warn', EmojiName> = {
  fail: 'x',
  unknown: 'grey_question',
  warn: 'warning',
};

/**
 * The eligibility report: verdict header, the image, one line per failing, unknown or warning rule
 * with its fix as code, skipped rules with the flags that settle them, passing rules folded into
 * one context line, then the notes. `args` is what the user typed after `check`, for the pointer
 * to the full report when the platform has to cut the message.
 */
export function checkReportMessage(report: CheckReport, args: string): MessageDocument {
  const blocks: DocumentBlock[] = [
    { type: 'header', emoji: VERDICT[report.verdict].emoji, text: VERDICT[report.verdict].text },
    { type: 'text', text: rich`Image ${code(report.image)}${basis(report)}` },
  ];

  const attention: RichText[] = [];
  for (const status of ['fail', 'unknown', 'warn'] as const) {
    for (const group of groupSameAnswer(report.rules.filter((r) => r.status === status))) {
      const ids = codeList(group.ids, ', ');
      const fix = group.fix ? rich`\n      fix: ${code(group.fix)}` : [];
      attention.push(rich`${emoji(MARK[status])} ${bold(status)} ${ids}: ${group.reason}${fix}`);
    }
  }
  if (attention.length > 0) blocks.push({ type: 'lines', lines: attention });

  const skipped = report.rules.filter((r) => r.status === 'skip');
  if (skipped.length > 0) {
    const flags = [...new Set(skipped.flatMap((r) => r.settledBy ?? []))];
    const settle = flags.length > 0 ? rich`\nThese flags would settle them: ${codeList(flags, ' ')}` : [];
    blocks.push({
      type: 'text',
      text: rich`${emoji('fast_forward')} ${bold('skipped')} (facts not given): ${codeList(
        skipped.map((r) => r.id),
        ', ',
      )}${settle}`,
    });
  }

  const passed = report.rules.filter((r) => r.status === 'pass');
  if (passed.length > 0) {
    const ids = passed.map((r) => r.id).join(', ');
    const rules = `rule${passed.length > 1 ? 's' : ''}`;
    blocks.push({ type: 'context', text: rich`${emoji('white_check_mark')} ${passed.length} ${rules} pass: ${ids}` });
  }
  for (const note of report.notes) blocks.push({ type: 'context', text: rich`${emoji('information_source')} ${note}` });

  const counts = (['fail', 'unknown', 'warn'] as const)
    .map((s) => [s, report.rules.filter((r) => r.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const tally = counts.length > 0 ? ` (${counts.join(', ')})` : '';
  return {
    summary: rich`${report.image}: ${report.verdict.replace('_', ' ')}${tally}`,
    blocks,
    cut: rich`… cut: run ${code(`imagestream check ${args}`)} in a terminal for the full report`,
  };
}

// Said when the verdict rests on partial facts, as the CLI says it.
function basis(report: CheckReport): string {
  const skipped = report.rules.filter((r) => r.status === 'skip').length;
  if (skipped === 0 || report.verdict === 'not_eligible') return '';
  return ` (on the facts given: ${skipped} rule${skipped > 1 ? 's' : ''} skipped)`;
}

function codeList(values: string[], separator: string): RichText {
  return joinRich(
    values.map((v) => [code(v)]),
    separator,
  );
}
