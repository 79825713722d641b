import { SYMLINK_FIXED_BY_MINOR } from '../versions/thresholds';
import { ErrorClass } from './error-class';

/** What an error class means and what to do about it, one line each. */
export interface ClassAdvice {
  meaning: string;
  fix: string;
}

/** The scope a node pool needs for image streaming (docs/image-streaming.md, PermissionDenied row). */
export const STREAMING_SCOPE = 'https://www.googleapis.com/auth/devstorage.read_only';

/** The two quotas to raise (docs/image-streaming.md, Quota row; names verbatim from gcfsd's error). */
export const CONTENT_QUOTAS = [
  'Content requests per project per region per minute per region',
  'Content requests per project per region',
] as const;

// The fixed patches come from the one version table, so this text cannot drift from the checks.
const SYMLINK_FIXES = Object.values(SYMLINK_FIXED_BY_MINOR)
  .map((v) => v.raw)
  .join(', ');

/**
 * docs/image-streaming.md's table "gcfsd errors and their fixes", per class. The texts are constant per class
 * (no entry data in them) so that alerts grouped per (project, cluster, class) read the same.
 */
export const CLASS_ADVICE: Readonly<Record<Exclude<ErrorClass, 'none'>, ClassAdvice>> = {
  permission_denied: {
    meaning: 'The nodes lack the OAuth scope the Container File System API needs; images are pulled without streaming.',
    fix:
      `Create a new node pool with scope ${STREAMING_SCOPE} (the scopes of an existing pool cannot change) and move the workloads to it: ` +
      `gcloud container node-pools create POOL --cluster CLUSTER --image-type=COS_CONTAINERD --enable-image-streaming --scopes=${STREAMING_SCOPE}`,
  },
  quota_exceeded: {
    meaning:
      'The project is over its Container File System API (containerfilesystem.googleapis.com) content-request quota.',
    fix: `Raise the quotas "${CONTENT_QUOTAS[0]}" and "${CONTENT_QUOTAS[1]}" of containerfilesystem.googleapis.com.`,
  },
  failed_precondition: {
    meaning:
      'The image is not yet imported into the remote filesystem; typical on an existing node pool whose node already has the image.',
    fix: 'Wait a few minutes and redeploy; or add nodes or a new node pool and schedule the workload there.',
  },
  invalid_argument: {
    meaning: 'The image is not eligible for image streaming.',
    fix: 'Check the image streaming requirements and limitations for this image; store it in Artifact Registry (LOCATION-docker.pkg.dev/...).',
  },
  symlink_rename: {
    meaning:
      'Kernel regression on GKE >= 1.25 before the fixed patches: mv/renameat2 on symlinks from a streamed image fail with "No such device or address".',
    fix:
      `Upgrade the node pool to a fixed patch (${SYMLINK_FIXES} or a later patch of its minor), avoid renameat2 in the code, ` +
      'or disable image streaming on the pool: gcloud container node-pools update POOL --cluster CLUSTER --no-enable-image-streaming',
  },
};

/** The advice for a class, or nulls for `none`. */
export function adviceFor(errorClass: ErrorClass): { meaning: string | null; fix: string | null } {
  if (errorClass === 'none') return { meaning: null, fix: null };
  return CLASS_ADVICE[errorClass];
}
