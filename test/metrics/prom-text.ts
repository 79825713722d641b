/** Reading the Prometheus text exposition in tests. */

/**
 * The value of one series, e.g. `imagestream_commands_total{subcommand="status",outcome="ok"}`
 * (labels in the order the metric declares them); undefined when the exposition has no such line.
 */
export function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Every series line of one metric name (the histogram's `_bucket`, `_sum`, `_count` are names of their own). */
export function seriesOf(body: string, name: string): string[] {
  return body.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
}
