/**
 * The Cloud Logging sink filter that feeds the alert subscription (docs/image-streaming.md, "Cloud Logging"):
 * gcfsd node logs that carry one of the error codes of the gcfsd table, and application logs with
 * the symlink rename error. gcfsd's informational lines stay out, so the topic carries only what
 * can become an alert. Project-wide: the classifier reads cluster and node from each entry.
 */
export const ALERT_SINK_FILTER = [
  '(resource.type="k8s_node" AND log_id("gcfsd") AND',
  '  ("PermissionDenied" OR "ResourceExhausted" OR "Quota exceeded" OR "FailedPrecondition" OR "InvalidArgument"))',
  'OR',
  '(resource.type="k8s_container" AND "No such device or address")',
].join('\n');
