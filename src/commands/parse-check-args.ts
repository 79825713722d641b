import type { z } from 'zod';
import { slackCheckOptionsSchema } from '../check/check-options';
import { UsageError } from '../errors';
import { parseClusterTarget } from '../google/cluster-target';
import { parseImageRef } from '../images/image-ref';
import { parsePlatform } from '../registry/platform';
import { parseOrUsage } from '../validation/parse-or-usage';
import { parseGkeVersion } from '../versions/gke-version';
import { CommandDefaults, locationOrDefault, projectOrDefault } from './command-defaults';
import { parseCommandArgs } from './command-text';

/** What `check` from chat runs with. */
export type ChatCheckOptions = z.infer<typeof slackCheckOptionsSchema>;

// The CLI's what-if flags, minus files: a worker never reads a path typed in chat.
const FLAGS = {
  cluster: { type: 'string' },
  location: { type: 'string' },
  project: { type: 'string' },
  pool: { type: 'string' },
  'gke-version': { type: 'string' },
  'created-version': { type: 'string' },
  'node-location': { type: 'string' },
  'image-type': { type: 'string' },
  'service-account': { type: 'string' },
  'vpc-sc': { type: 'string' },
  platform: { type: 'string' },
  autopilot: { type: 'boolean' },
  'private-nodes': { type: 'boolean' },
  'private-google-access': { type: 'boolean' },
  cmek: { type: 'boolean' },
  'pull-secret': { type: 'boolean' },
  'file-caps': { type: 'boolean' },
} as const;

/**
 * `check IMAGE [--cluster C ...]`: everything typed is validated now, so a mistake is answered at
 * once, not by the job; with a cluster, location and project default from config.
 */
export function parseCheckArgs(args: string[], defaults: CommandDefaults): ChatCheckOptions {
  const { positionals, values } = parseCommandArgs(args, FLAGS);
  if (positionals.length !== 1) throw new UsageError('name exactly one image');
  const camel = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), v]),
  );
  const options = parseOrUsage(slackCheckOptionsSchema, { image: positionals[0], ...camel });
  parseImageRef(options.image);
  if (options.gkeVersion) parseGkeVersion(options.gkeVersion);
  if (options.createdVersion) parseGkeVersion(options.createdVersion);
  if (options.platform) parsePlatform(options.platform);
  if (options.cluster) {
    options.location = locationOrDefault(options.location, defaults);
    options.project = projectOrDefault(options.project, defaults);
    parseClusterTarget({
      cluster: options.cluster,
      location: options.location,
      project: options.project,
      pool: options.pool,
    });
  } else if (options.pool) {
    throw new UsageError('--pool needs --cluster');
  } else if (options.location || options.project) {
    // Unused without a cluster, and unvalidated: never queued or echoed (found by test/faults/fuzz.test.ts).
    throw new UsageError(`--${options.location ? 'location' : 'project'} needs --cluster`);
  }
  return options;
}
