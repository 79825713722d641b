import { readFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.join(__dirname, '..', 'fixtures', 'classifier');

/** The text of a classifier fixture file. */
export function fixtureText(name: string): string {
  return readFileSync(path.join(DIR, name), 'utf8');
}

/** A classifier fixture file, parsed as JSON. */
export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name));
}
