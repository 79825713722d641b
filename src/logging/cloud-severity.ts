/** Cloud Logging's LogSeverity for a pino level label (trace and debug are both DEBUG). */
export function cloudSeverity(label: string): string {
  return SEVERITY[label] ?? 'DEFAULT';
}

const SEVERITY: Record<string, string> = {
  trace: 'DEBUG',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
  fatal: 'CRITICAL',
};
