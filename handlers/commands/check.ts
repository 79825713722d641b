import { slackCheckOptionsSchema } from '../../src/check/check-options';
import { UsageError } from '../../src/errors';
import { parseClusterTarget } from '../../src/google/cluster-target';
import { parseImageRef } from '../../src/images/image-ref';
import { parsePlatform } from '../../src/registry/platform';
import { parseGkeVersion } from '../../src/versions/gke-version';
import { parseCommandArgs } from './parse-command-text';
import { replyToOf } from './cluster-args';
import { enqueueOrExplain } from './enqueue-or-explain';
import { Subcommand } from './subcommand';

// The CLI's what-if flags, minus files: a worker never reads a path typed in Slack.
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

/** `/imagestream check IMAGE [--cluster C ...]`: the eligibility report, from a job. */
export const check: Subcommand = {
  name: 'check',
  handle: (args, command, deps) => {
    const { positionals, values } = parseCommandArgs(args, FLAGS);
    if (positionals.length !== 1) throw new UsageError('name exactly one image');
    const camel = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), v]),
    );
    const parsed = slackCheckOptionsSchema.safeParse({ image: positionals[0], ...camel });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UsageError(`${issue.path.join('.') || 'input'}: ${issue.message}`);
    }
    const options = parsed.data;
    // Everything typed is validated now, so a mistake is answered at once, not by the job.
    parseImageRef(options.image);
    if (options.gkeVersion) parseGkeVersion(options.gkeVersion);
    if (options.createdVersion) parseGkeVersion(options.createdVersion);
    if (options.platform) parsePlatform(options.platform);
    if (options.cluster) {
      options.location ??= deps.config.IMAGESTREAM_DEFAULT_LOCATION;
      options.project ??= deps.config.GOOGLE_CLOUD_PROJECT;
      if (!options.location) throw new UsageError('missing --location (no default location is configured)');
      if (!options.project) throw new UsageError('missing --project (no default project is configured)');
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
    return enqueueOrExplain(deps, 'check', { replyTo: replyToOf(command), options }, `Checking ${options.image}...`);
  },
};
