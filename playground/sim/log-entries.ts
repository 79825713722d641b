/**
 * The simulated Cloud Logging content: the classifier tests' gcfsd entries (one of every class)
 * and the pulls tests' Kubernetes events (streamed, cached and full pulls), re-labelled to the
 * simulated clusters. Stored as templates dated by an offset, so every read sees them as recent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { classifyEntry } from '../../src/classifier/classify-entry';
import type { ErrorClass } from '../../src/classifier/error-class';
import { SIM_PROJECT } from './world';

const FIXTURES = path.join(__dirname, '..', '..', 'test', 'fixtures');

/** An entry whose timestamps are written relative to the moment it is read. */
export interface DatedEntry {
  cluster: string;
  /** 'gcfsd' (gcfsd node logs and application rename errors) or 'events' (Kubernetes events). */
  log: 'gcfsd' | 'events';
  /** The entry JSON with every timestamp shifted by -(anchor): add `now` to date it. */
  template: string;
  /** Its newest timestamp, in ms before the moment it is read. */
  agoMs: number;
}

/** The classifier fixture entries of one class (prod-east in us-east1-b), as JSON objects. */
export function gcfsdFixtureEntries(): Array<{ class: ErrorClass; entry: Record<string, any> }> {
  const entries = JSON.parse(
    fs.readFileSync(path.join(FIXTURES, 'cloud-logging', 'gcfsd-entries.json'), 'utf8'),
  ) as Array<Record<string, any>>;
  return entries.map((entry) => ({ class: classifyEntry(entry).class, entry }));
}

/** The same entry on another cluster and zone (names, node names, logName project kept). */
export function relabelGcfsd(entry: object, cluster: string, zone: string): Record<string, any> {
  return JSON.parse(JSON.stringify(entry).split('prod-east').join(cluster).split('us-east1-b').join(zone));
}

/** Which classes each cluster logs (shop is the one with the symlink rename bug). */
const GCFSD_CLASSES: Record<string, { zone: string; classes: ErrorClass[] }> = {
  shop: {
    zone: 'europe-west1-b',
    classes: ['symlink_rename', 'permission_denied', 'failed_precondition', 'invalid_argument', 'none'],
  },
  web: { zone: 'us-east1-b', classes: ['quota_exceeded', 'invalid_argument', 'failed_precondition', 'none'] },
  batch: { zone: 'us-central1-a', classes: ['failed_precondition', 'none'] },
};

/** Node-name prefixes of the pulls fixture (cluster prod-1) -> the simulated pools. */
const PULL_POOLS: Record<string, { location: string; pools: Record<string, string> }> = {
  web: { location: 'us-east1', pools: { web: 'default-pool', 'batch-pool': 'legacy-pool', ml: 'default-pool' } },
  shop: { location: 'europe-west1', pools: { web: 'gpu-pool', 'batch-pool': 'legacy-pool', ml: 'default-pool' } },
};

const EVENTS_AGO_MS = 2 * 60_000;

const ISO = /"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)"/g;

/** Every timestamp of the JSON moved by `deltaMs` (ISO strings in quotes, message text included). */
export function shiftTimestamps(json: string, deltaMs: number): string {
  return json.replace(ISO, (_all, iso: string) => `"${new Date(Date.parse(iso) + deltaMs).toISOString()}"`);
}

/** A template whose newest timestamp reads as `agoMs` before the time it is dated at. */
function dated(cluster: string, log: DatedEntry['log'], entry: object, agoMs: number): DatedEntry {
  const json = JSON.stringify(entry);
  const newest = Math.max(...[...json.matchAll(ISO)].map((m) => Date.parse(m[1]!)));
  return { cluster, log, template: shiftTimestamps(json, -newest - agoMs), agoMs };
}

/** Every simulated entry, newest first. */
export function simLogEntries(): DatedEntry[] {
  const out: DatedEntry[] = [];
  const fixtures = gcfsdFixtureEntries();
  for (const [cluster, { zone, classes }] of Object.entries(GCFSD_CLASSES)) {
    fixtures
      .filter((f) => classes.includes(f.class))
      .forEach((f, i) => {
        const entry = relabelGcfsd(f.entry, cluster, zone);
        entry.insertId = `${entry.insertId}-${cluster}`;
        out.push(dated(cluster, 'gcfsd', entry, (7 + i * 11) * 60_000));
      });
  }
  const events = fs
    .readFileSync(path.join(FIXTURES, 'pulls', 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  for (const [cluster, { location, pools }] of Object.entries(PULL_POOLS)) {
    // The fixture's events span 55 minutes: dated together (the newest 2 minutes ago), so their
    // order holds and `pulls` over the last hour sees them all.
    const newest = Math.max(...events.map((line) => Date.parse(JSON.parse(line).timestamp)));
    for (const line of events) {
      let json = line;
      for (const [from, to] of Object.entries(pools))
        json = json.split(`gke-prod-1-${from}-`).join(`gke-${cluster}-${to}-`);
      const entry = JSON.parse(json.split('"prod-1"').join(JSON.stringify(cluster)));
      entry.resource.labels.location = location;
      entry.insertId = `${entry.insertId}-${cluster}`;
      entry.logName = `projects/${SIM_PROJECT}/logs/events`;
      const agoMs = EVENTS_AGO_MS + (newest - Date.parse(entry.timestamp));
      out.push({
        cluster,
        log: 'events',
        template: shiftTimestamps(JSON.stringify(entry), -newest - EVENTS_AGO_MS),
        agoMs,
      });
    }
  }
  return out.sort((a, b) => a.agoMs - b.agoMs);
}

/** The entry as read at `now`. */
export function materialize(entry: DatedEntry, now: number): object {
  return JSON.parse(shiftTimestamps(entry.template, now));
}

/**
 * What an entries:list filter selects. The simulator reads only the clauses the bot writes that
 * tell its logs apart: the cluster, the events log or not, and the start of the range.
 */
export function selectEntries(entries: readonly DatedEntry[], filter: string | undefined, now: number): object[] {
  const text = filter ?? '';
  const cluster = /resource\.labels\.cluster_name\s*=\s*"([^"]*)"/.exec(text)?.[1];
  const since = /timestamp\s*>=\s*"([^"]+)"/.exec(text)?.[1];
  const from = since ? Date.parse(since) : -Infinity;
  const log = /log_id\("events"\)|logs\/events/.test(text) ? 'events' : 'gcfsd';
  return entries
    .filter((e) => e.log === log && (cluster === undefined || e.cluster === cluster) && now - e.agoMs >= from)
    .map((e) => materialize(e, now));
}
