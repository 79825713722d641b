import { ImageRef } from '../images/image-ref';
import { GkeVersion } from '../versions/gke-version';
import { Fact } from './fact';

/** What the registry (or `--manifest`/`--config` files) tells about the image. */
export interface ImageManifestFacts {
  /** Media type of the platform manifest that was resolved (schema 1, schema 2 or OCI). */
  mediaType: string;
  schemaVersion: 1 | 2;
  /** Layer digests in manifest order, base layer first (schema 1 `fsLayers` are reversed to match). */
  layers: string[];
  /** Digest of the image config blob (schema 2 / OCI only). */
  configDigest?: string;
  /** Digest of the manifest that was resolved, when the registry said it. */
  digest?: string;
  /** When the reference named a multi-platform index: which entry was picked and why. */
  platformNote?: string;
  /** `rootfs.diff_ids` of the image config, when it was read. */
  diffIds?: string[];
}

/** One IAM binding of a project policy (`cloudresourcemanager v1 projects.getIamPolicy`). */
export interface IamBinding {
  role: string;
  members: string[];
  /** Set when the grant is conditional (IAM Conditions): its title or expression; we cannot evaluate it. */
  condition?: string;
}

/** Facts of one node pool (or, offline, of "the nodes" described by flags). */
export interface PoolFacts {
  /** Pool name, when read from the API or given with `--pool`. */
  name?: string;
  /** The nodes' GKE version (`nodePool.version`, or `--gke-version`). */
  gkeVersion?: Fact<GkeVersion>;
  /** `nodePool.config.imageType` or `--image-type`. */
  imageType?: Fact<string>;
  /** `nodePool.config.gcfsConfig.enabled` (absent in the JSON = off). */
  streamingEnabled?: Fact<boolean>;
  /** `nodePool.config.oauthScopes`. */
  oauthScopes?: Fact<string[]>;
  /** `nodePool.config.serviceAccount`; null = the Compute Engine default account. */
  serviceAccount?: Fact<string | null>;
  /** Private nodes: cluster, network or pool setting (or `--private-nodes`). */
  privateNodes?: Fact<boolean>;
  /** Where the nodes run: zones (`us-east1-b`) or a region (`--node-location`). */
  nodeLocations?: Fact<string[]>;
}

/** Facts of the cluster as a whole. */
export interface ClusterFacts {
  name?: string;
  location?: string;
  project?: string;
  /** `cluster.autopilot.enabled` or `--autopilot`. */
  autopilot?: Fact<boolean>;
  /** `cluster.initialClusterVersion` or `--created-version` (Autopilot's automatic streaming). */
  createdVersion?: Fact<GkeVersion>;
  /** `cluster.nodePoolDefaults.nodeConfigDefaults.gcfsConfig.enabled` (node auto-provisioning follows it). */
  streamingDefault?: Fact<boolean>;
  /** The nodes' subnet (`cluster.networkConfig.subnetwork`) and whether Private Google Access is on. */
  subnetwork?: string;
  privateGoogleAccess?: Fact<boolean>;
}

/** What the workload does, which no API tells (flags only). */
export interface WorkloadFacts {
  /** The pod pulls with an image pull secret (`--pull-secret`). */
  usesPullSecret?: boolean;
  /** The container relies on Linux file capabilities such as CAP_NET_RAW (`--file-caps`). */
  usesFileCaps?: boolean;
  /** VPC Service Controls: `none` (not protected), `included` (API in perimeter), `excluded`. */
  vpcSc?: 'none' | 'included' | 'excluded';
}

/** Everything the eligibility rules read. */
export interface CheckFacts {
  image: ImageRef;
  /** Container File System API enabled in the project (`serviceusage services.get`). */
  apiEnabled?: Fact<boolean>;
  cluster: ClusterFacts;
  /** One entry per node pool considered; offline flags make one synthetic pool. */
  pools: PoolFacts[];
  manifest?: Fact<ImageManifestFacts>;
  /** Artifact Registry repository `kmsKeyName`; null = Google-managed encryption (no CMEK). */
  repositoryCmek?: Fact<string | null>;
  /** IAM policy bindings of the project that hosts the image. */
  imageProjectIam?: Fact<IamBinding[]>;
  workload: WorkloadFacts;
}
