import { readFileSync } from 'node:fs';
import { NodePools, readNodePools } from '../../src/pulls/node-pools';
import { PullEvent, pullEventOf } from '../../src/pulls/pull-event';

const DIR = `${__dirname}/../fixtures/pulls`;

/** The fixture's entries, as parsed JSON values, one per line. */
export function fixtureEntries(): unknown[] {
  return readFileSync(`${DIR}/events.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

/** The fixture's pull events (what pullEventOf reads; the rest left out). */
export function fixtureEvents(): PullEvent[] {
  return fixtureEntries()
    .map(pullEventOf)
    .filter((e): e is PullEvent => e.kind !== 'other' && e.kind !== 'unreadable');
}

export function fixturePools(): NodePools {
  const pools = readNodePools(JSON.parse(readFileSync(`${DIR}/pools.json`, 'utf8')));
  if ('error' in pools) throw new Error(pools.error);
  return pools;
}

export const GB = 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5';
export const LEGACY = 'gcr.io/acme-prod/legacy-api:2.3';
export const TRAINER = 'us-east1-docker.pkg.dev/acme-prod/ml/trainer:1.0';
export const WORKER = 'us-east1-docker.pkg.dev/acme-prod/web/worker:3';
