import { z } from 'zod';
import { isRegionOrZone } from '../locations/gcp-location';

/** `--vpc-sc`: are the images behind VPC Service Controls, and is the API in the perimeter? */
export const VPC_SC_VALUES = ['none', 'included', 'excluded'] as const;

/**
 * Everything `check` accepts, from the CLI today and from Slack later. Facts given here override
 * what the APIs say (a what-if: "would it stream after the upgrade to 1.28?").
 */
export const checkFlagsSchema = z.object({
  image: z.string().min(1).max(1024),
  cluster: z.string().optional(),
  location: z.string().optional(),
  project: z.string().optional(),
  pool: z.string().optional(),
  gkeVersion: z.string().optional(),
  createdVersion: z.string().optional(),
  nodeLocation: z.string().refine(isRegionOrZone, 'must be a region (us-east1) or a zone (us-east1-b)').optional(),
  imageType: z
    .string()
    .regex(/^[A-Za-z_]{2,40}$/, 'must be a node image type such as COS_CONTAINERD')
    .optional(),
  autopilot: z.boolean().optional(),
  privateNodes: z.boolean().optional(),
  privateGoogleAccess: z.boolean().optional(),
  cmek: z.boolean().optional(),
  serviceAccount: z
    .string()
    .regex(
      /^(default|[a-z0-9-]+@[a-z0-9.-]+\.iam\.gserviceaccount\.com|\d+-compute@developer\.gserviceaccount\.com)$/,
      'must be "default" or a service account email (NAME@PROJECT.iam.gserviceaccount.com)',
    )
    .optional(),
  pullSecret: z.boolean().optional(),
  fileCaps: z.boolean().optional(),
  vpcSc: z.enum(VPC_SC_VALUES).optional(),
  platform: z.string().optional(),
  manifest: z.string().min(1).optional(),
  config: z.string().min(1).optional(),
  /** false: do not contact the registry (offline runs without --manifest). */
  registry: z.boolean().default(true),
});

/** The CLI's `check` input. */
export const checkOptionsSchema = checkFlagsSchema.refine((o) => !o.config || o.manifest, {
  message: '--config needs --manifest',
  path: ['config'],
});

/**
 * `check` from Slack: no file flags (a worker must never read a path a Slack user typed), and the
 * registry is always read.
 */
export const slackCheckOptionsSchema = checkFlagsSchema.omit({ manifest: true, config: true, registry: true });

export type CheckOptions = z.infer<typeof checkOptionsSchema>;
