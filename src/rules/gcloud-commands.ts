import { TargetNames } from './rule';

/** `--location=L --project=P`, the tail of every gcloud fix. */
export function gcloudTarget(n: TargetNames): string {
  return `--location=${n.location} --project=${n.project}`;
}

/** Upgrades one node pool to a version (docs/image-streaming.md: nodePools.update with nodeVersion). */
export function upgradePoolCommand(n: TargetNames, version: string): string {
  return `gcloud container clusters upgrade ${n.cluster} --node-pool=${n.pool} --cluster-version=${version} ${gcloudTarget(n)}`;
}

/** A new streaming pool; the fix for settings an existing pool cannot change (image type, scopes). */
export function newStreamingPoolCommand(n: TargetNames, extra = ''): string {
  return `gcloud container node-pools create NEW_POOL --cluster=${n.cluster} ${gcloudTarget(n)} --image-type=COS_CONTAINERD --enable-image-streaming${extra}`;
}

/** Turns streaming on or off on one node pool. */
export function poolStreamingCommand(n: TargetNames, enable: boolean): string {
  return `gcloud container node-pools update ${n.pool} --cluster=${n.cluster} ${gcloudTarget(n)} --${enable ? '' : 'no-'}enable-image-streaming`;
}
