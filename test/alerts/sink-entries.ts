/** LogEntries as a Cloud Logging sink publishes them, built from the classifier's sink fixtures. */
import fs from 'node:fs';
import path from 'node:path';
import { ClassifiedEntry, classifyEntry } from '../../src/classifier/classify-entry';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'classifier', 'sink');

/** Fixture names: quota-exceeded, permission-denied, failed-precondition, gcfsd-info, symlink-mv, ... */
export type SinkFixture =
  'quota-exceeded' | 'permission-denied' | 'failed-precondition' | 'invalid-argument' | 'gcfsd-info' | 'symlink-mv';

const cache = new Map<string, Record<string, any>>();

/** What a test changes in a fixture entry. */
export interface EntryOverrides {
  insertId?: string;
  node?: string;
  timestamp?: string;
  cluster?: string;
  project?: string;
}

/** A fixture LogEntry with its identity and origin replaced. */
export function sinkEntry(fixture: SinkFixture, o: EntryOverrides = {}): Record<string, any> {
  if (!cache.has(fixture)) {
    cache.set(fixture, JSON.parse(fs.readFileSync(path.join(FIXTURES, `${fixture}.json`), 'utf8')));
  }
  const entry = structuredClone(cache.get(fixture)!);
  if (o.insertId !== undefined) entry.insertId = o.insertId;
  if (o.timestamp !== undefined) entry.timestamp = o.timestamp;
  const labels = entry.resource.labels;
  if (o.node !== undefined) labels.node_name = o.node;
  if (o.cluster !== undefined) labels.cluster_name = o.cluster;
  if (o.project !== undefined) labels.project_id = o.project;
  return entry;
}

/** The same, classified (what AlertStore.record takes). */
export function classified(fixture: SinkFixture, o: EntryOverrides = {}): ClassifiedEntry {
  return classifyEntry(sinkEntry(fixture, o));
}
