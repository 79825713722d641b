import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The LogEntries of test/fixtures/cloud-logging/gcfsd-entries.json: one of each class, then an info line. */
export function gcfsdEntries(): Array<Record<string, unknown>> {
  const file = path.join(__dirname, '..', 'fixtures', 'cloud-logging', 'gcfsd-entries.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Array<Record<string, unknown>>;
}

/** A copy of `entry` at another time and node (a k8s_node entry's node is its node_name label). */
export function onNode(entry: Record<string, unknown>, node: string, timestamp: string): Record<string, unknown> {
  const copy = structuredClone(entry) as { resource: { labels: Record<string, string> } } & Record<string, unknown>;
  copy.resource.labels.node_name = node;
  copy.timestamp = timestamp;
  return copy;
}
