import { z } from 'zod';

/*
 * The part of GKE's `Cluster` resource (container v1) the checks read. Everything is optional:
 * proto3 JSON leaves out false booleans and empty messages, so absence is normal (docs/image-streaming.md:
 * "A false value can be absent from the JSON: absent means off").
 */

const GcfsConfig = z.object({ enabled: z.boolean().nullish() }).nullish();

/** One node pool as GKE returns it (also each item of `nodePools.list`). */
export const NodePoolResponseSchema = z.object({
  name: z.string(),
  version: z.string().nullish(),
  locations: z.array(z.string()).nullish(),
  config: z
    .object({
      imageType: z.string().nullish(),
      gcfsConfig: GcfsConfig,
      oauthScopes: z.array(z.string()).nullish(),
      serviceAccount: z.string().nullish(),
    })
    .nullish(),
  networkConfig: z.object({ enablePrivateNodes: z.boolean().nullish() }).nullish(),
  /** The pool's managed instance groups, whose instances are its nodes: `pulls` maps node names to pools by them. */
  instanceGroupUrls: z.array(z.string()).nullish(),
});

/** The cluster fields we read, validated: a response that does not match is not trusted. */
export const ClusterResponseSchema = z.object({
  name: z.string().nullish(),
  location: z.string().nullish(),
  locations: z.array(z.string()).nullish(),
  initialClusterVersion: z.string().nullish(),
  currentMasterVersion: z.string().nullish(),
  currentNodeVersion: z.string().nullish(),
  autopilot: z.object({ enabled: z.boolean().nullish() }).nullish(),
  nodePoolDefaults: z.object({ nodeConfigDefaults: z.object({ gcfsConfig: GcfsConfig }).nullish() }).nullish(),
  networkConfig: z
    .object({ subnetwork: z.string().nullish(), defaultEnablePrivateNodes: z.boolean().nullish() })
    .nullish(),
  privateClusterConfig: z.object({ enablePrivateNodes: z.boolean().nullish() }).nullish(),
  /** Short subnetwork name; `networkConfig.subnetwork` holds the full one. */
  subnetwork: z.string().nullish(),
  nodePools: z.array(NodePoolResponseSchema).nullish(),
  autoscaling: z
    .object({
      autoprovisioningNodePoolDefaults: z
        .object({
          imageType: z.string().nullish(),
          oauthScopes: z.array(z.string()).nullish(),
          serviceAccount: z.string().nullish(),
        })
        .nullish(),
    })
    .nullish(),
});

/** A validated cluster response. */
export type ClusterResponse = z.infer<typeof ClusterResponseSchema>;
/** A validated node pool of a cluster response. */
export type NodePoolResponse = z.infer<typeof NodePoolResponseSchema>;
