import { CheckReport, RuleResult, groupSameAnswer } from '../../check/evaluate-rules';

const LABEL: Record<RuleResult['status'], string> = {
  fail: 'FAIL',
  warn: 'WARN',
  unknown: 'UNKNOWN',
  skip: 'SKIP',
  pass: 'ok',
};

const VERDICT: Record<CheckReport['verdict'], string> = {
  eligible: 'ELIGIBLE: this image will be streamed',
  not_eligible: 'NOT ELIGIBLE: this image will not be streamed (or the workload breaks)',
  unknown: 'UNKNOWN: no rule fails, but some facts could not be read',
};

/**
 * The terminal report: verdict first, then what needs attention with its fix, then what was skipped
 * and the flags that would settle it; passing rules folded into one line unless `verbose`.
 */
export function renderCheckText(report: CheckReport, verbose = false): string {
  const skippedCount = report.rules.filter((r) => r.status === 'skip').length;
  const basis =
    skippedCount > 0 && report.verdict !== 'not_eligible'
      ? ` (on the facts given: ${skippedCount} rule${skippedCount > 1 ? 's' : ''} skipped)`
      : '';
  const lines = [`${report.image}`, `verdict: ${VERDICT[report.verdict]}${basis}`];
  for (const note of report.notes) lines.push(`note: ${note}`);
  const order: RuleResult['status'][] = ['fail', 'unknown', 'warn'];
  for (const status of order) {
    for (const group of groupSameAnswer(report.rules.filter((x) => x.status === status))) {
      lines.push(`${LABEL[status].padEnd(7)} ${group.ids.join(', ').padEnd(22)} ${group.reason}`);
      if (group.fix) lines.push(`${' '.repeat(31)}fix: ${group.fix}`);
    }
  }
  const skipped = report.rules.filter((r) => r.status === 'skip');
  if (skipped.length > 0) {
    lines.push(`SKIP    ${skipped.map((r) => r.id).join(', ')}`);
    const flags = [...new Set(skipped.flatMap((r) => r.settledBy ?? []))];
    lines.push(`${' '.repeat(8)}facts not given; these would settle them: ${flags.join(', ')}`);
  }
  const passed = report.rules.filter((r) => r.status === 'pass');
  if (verbose) {
    for (const r of passed) lines.push(`${LABEL.pass.padEnd(7)} ${r.id.padEnd(22)} ${r.reason}`);
  } else if (passed.length > 0) {
    lines.push(`ok      ${passed.length} rules pass: ${passed.map((r) => r.id).join(', ')} (--verbose for details)`);
  }
  return lines.join('\n') + '\n';
}
