/**
 * Kubernetes pull events as GKE exports them to Cloud Logging, in bulk, for the pulls bench: the
 * shapes of test/fixtures/pulls/events.jsonl (full Event objects in `jsonPayload`, `k8s_pod` for
 * the kubelet's Pulling/Pulled, `k8s_node` for ImageStreaming), over a week of one cluster with
 * 3 node pools (two streaming), 36 nodes, 30 images and 60 deployments. Each pull is a new pod
 * (over a week pods are replaced; one pod name pulling again with count 1 would be read as a copy of
 * the same Event). Deterministic (a seeded generator): every run reads the same entries.
 *
 * The mix per pull: ~45% served from the node's cache (one Pulled "already present", a few of them
 * crash-looping pods whose Event repeats with its count going up), the rest pulled: streamed on a
 * streaming pool when the image can be (Pulling, Pulled, the node's ImageStreaming), full
 * otherwise (Pulling, Pulled). About 1 in 200 pulled messages is in a form nobody parses
 * ("in about 5s"). Pull times are written in kubelet's three message forms.
 */

export const BENCH_CLUSTER = 'bench-1';
export const BENCH_PROJECT = 'bench-project';
const LOCATION = 'us-east1';
const WEEK_MS = 7 * 24 * 3600e3;

interface Pool {
  name: string;
  streaming: boolean;
  /** The hash of its instance group (`gke-CLUSTER-POOL-HASH-grp`), one per zone. */
  groups: string[];
  nodes: number;
}

const POOLS: Pool[] = [
  { name: 'web', streaming: true, groups: ['3f2a9c1d', 'd1c9a2f3'], nodes: 16 },
  { name: 'batch', streaming: false, groups: ['7e1b2c3d'], nodes: 12 },
  { name: 'ml', streaming: true, groups: ['5d6e7f80'], nodes: 8 },
];

interface Image {
  ref: string;
  bytes: number;
  /** Whether the node streams it on a streaming pool (an Artifact Registry image, in this world). */
  streamable: boolean;
}

/** 30 images: 24 in Artifact Registry (streamed), 3 in Container Registry and 3 on Docker Hub (never). */
function images(): Image[] {
  const out: Image[] = [];
  const teams = ['web', 'api', 'ml', 'data'];
  for (let i = 0; i < 24; i++) {
    const team = teams[i % teams.length]!;
    out.push({
      ref: `us-east1-docker.pkg.dev/${BENCH_PROJECT}/${team}/service-${i}:v${1 + (i % 5)}`,
      bytes: 60_000_000 + ((i * 97_000_003) % 1_900_000_000),
      streamable: true,
    });
  }
  for (let i = 0; i < 3; i++) {
    out.push({ ref: `gcr.io/${BENCH_PROJECT}/legacy-${i}:2.${i}`, bytes: 400_000_000 + i * 1e8, streamable: false });
  }
  for (const name of ['nginx:1.27', 'redis:7.4', 'busybox:1.36']) {
    out.push({ ref: `docker.io/library/${name}`, bytes: 5_000_000 + name.length * 7_000_000, streamable: false });
  }
  return out;
}

/** mulberry32: small, fast, seeded. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'bcdfghjklmnpqrstvwxz2456789';
function suffix(n: number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    s += ALNUM[n % ALNUM.length];
    n = Math.floor(n / ALNUM.length);
  }
  return s;
}

/** Go's Duration.String() of a time in seconds, to the nanosecond (`850ms`, `1.536908032s`, `2m3.5s`). */
function goDuration(seconds: number): string {
  const nanos = Math.round(seconds * 1e9);
  if (nanos < 1e9) return `${trim((nanos / 1e6).toFixed(6))}ms`;
  const minutes = Math.floor(nanos / 60e9);
  const rest = `${trim(((nanos % 60e9) / 1e9).toFixed(9))}s`;
  return minutes > 0 ? `${minutes}m${rest}` : rest;
}
const trim = (fixed: string): string => fixed.replace(/\.?0+$/, '');

/** The kubelet's Pulled message of a pull, in one of its three forms (kubelet < 1.28, 1.28-1.29, newer). */
function pulledMessage(image: Image, seconds: number, form: number): string {
  const head = `Successfully pulled image "${image.ref}" in `;
  const waiting = seconds + (form === 2 ? 0.4 : 0.001);
  if (form === 0) return `${head}${goDuration(seconds)}`;
  if (form === 1) return `${head}${goDuration(roundMs(seconds))} (${goDuration(roundMs(waiting))} including waiting)`;
  return `${head}${goDuration(roundMs(seconds))} (${goDuration(roundMs(waiting))} including waiting). Image size: ${image.bytes} bytes.`;
}
const roundMs = (s: number): number => Math.round(s * 1000) / 1000;

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

interface Place {
  namespace: string;
  pod: string;
  node: string;
  container: string;
}

/**
 * `count` entries of Kubernetes pull events, newest first (as the live read asks Logging for
 * them), the last at `now`. Also the nodePools.list response that maps their nodes to pools.
 */
export function pullEventEntries(count: number, now = Date.parse('2026-12-06T12:00:00Z')): object[] {
  const rand = random(12);
  const imageList = images();
  const nodes = POOLS.map((pool) =>
    Array.from(
      { length: pool.nodes },
      (_, i) =>
        `gke-${BENCH_CLUSTER}-${pool.name}-${pool.groups[i % pool.groups.length]}-${suffix(i * 7919 + pool.name.length, 4)}`,
    ),
  );
  // 60 deployments, two per image (d and d + 30), each pinned to a pool: ml images to ml, one in
  // four to batch, so half the images run both on batch (full pulls) and on web (streamed).
  const deployments = Array.from({ length: 60 }, (_, d) => {
    const image = imageList[d % imageList.length]!;
    const poolIndex = image.ref.includes('/ml/') ? 2 : d % 4 === 0 ? 1 : 0;
    return {
      name: `svc-${d}`,
      namespace: ['web', 'api', 'ml', 'data', 'default'][d % 5]!,
      image,
      poolIndex,
      replicaSet: suffix(d * 104729 + 12345, 10).replace(/^(.)/, '6'),
    };
  });

  const chronological: object[] = [];
  let serial = 0;
  const entry = (
    at: number,
    reason: string,
    message: string,
    place: Place | { node: string },
    counted = 1,
    eventName?: string,
  ): object => {
    serial += 1;
    const ts = rfc3339(at);
    const id = `${suffix(serial * 31 + 7, 6)}${serial.toString(36)}`;
    const isNode = !('pod' in place);
    const involvedObject = isNode
      ? { kind: 'Node', name: place.node, uid: place.node, apiVersion: 'v1' }
      : {
          apiVersion: 'v1',
          fieldPath: `spec.containers{${place.container}}`,
          kind: 'Pod',
          name: place.pod,
          namespace: place.namespace,
          resourceVersion: String(40000 + serial),
          uid: `5c2b0f0e-4c1e-4f6a-9d7a-${String(serial).padStart(12, '0')}`,
        };
    return {
      insertId: id,
      jsonPayload: {
        apiVersion: 'v1',
        count: counted,
        eventTime: null,
        firstTimestamp: ts,
        involvedObject,
        kind: 'Event',
        lastTimestamp: ts,
        message,
        metadata: {
          creationTimestamp: ts,
          name: eventName ?? `${isNode ? place.node : place.pod}.${serial.toString(16).padStart(16, '0')}`,
          namespace: isNode ? 'default' : place.namespace,
          resourceVersion: String(900000 + serial),
          uid: `e1f2a3b4-0000-4000-8000-${String(serial).padStart(12, '0')}`,
        },
        reason,
        reportingComponent: isNode ? 'gcfsd' : 'kubelet',
        reportingInstance: place.node,
        source: isNode ? { component: 'gcfsd', host: place.node } : { component: 'kubelet', host: place.node },
        type: 'Normal',
      },
      logName: `projects/${BENCH_PROJECT}/logs/events`,
      receiveTimestamp: new Date(at + 512).toISOString(),
      resource: {
        labels: isNode
          ? { cluster_name: BENCH_CLUSTER, location: LOCATION, node_name: place.node, project_id: BENCH_PROJECT }
          : {
              cluster_name: BENCH_CLUSTER,
              location: LOCATION,
              namespace_name: place.namespace,
              pod_name: place.pod,
              project_id: BENCH_PROJECT,
            },
        type: isNode ? 'k8s_node' : 'k8s_pod',
      },
      severity: 'INFO',
      timestamp: ts,
    };
  };

  // Episodes about two entries each, spread evenly over the week.
  const step = WEEK_MS / (count / 2);
  let at = now - WEEK_MS;
  for (let episode = 0; chronological.length < count; episode++) {
    at += step * (0.5 + rand());
    const d = deployments[Math.floor(rand() * deployments.length)]!;
    const pool = POOLS[d.poolIndex]!;
    const poolNodes = nodes[d.poolIndex]!;
    const place: Place = {
      namespace: d.namespace,
      // A new pod name each time: over a week pods are replaced (rollouts, scale up and down).
      pod: `${d.name}-${d.replicaSet}-${suffix(episode, 5)}`,
      node: poolNodes[Math.floor(rand() * poolNodes.length)]!,
      container: d.name,
    };
    const image = d.image;
    if (rand() < 0.45) {
      // Served from the node's cache; one in twenty a crash-looping container, whose one Event is
      // exported again at each restart with its count going up.
      const message = `Container image "${image.ref}" already present on machine`;
      const repeats = rand() < 0.05 ? 2 + Math.floor(rand() * 5) : 1;
      const name = `${place.pod}.${episode.toString(16).padStart(16, '0')}`;
      for (let c = 1; c <= repeats; c++)
        chronological.push(entry(at + (c - 1) * 20_000 * c, 'Pulled', message, place, c, name));
      continue;
    }
    chronological.push(entry(at, 'Pulling', `Pulling image "${image.ref}"`, place));
    const streamed = pool.streaming && image.streamable;
    const seconds = streamed ? 0.6 + rand() * 2.4 : (image.bytes / 1e9) * (20 + rand() * 40) + rand() * 2;
    const after = at + seconds * 1000;
    const message =
      rand() < 0.005
        ? `Successfully pulled image "${image.ref}" in about ${Math.round(seconds)}s`
        : pulledMessage(image, seconds, Math.floor(rand() * 3));
    chronological.push(entry(after, 'Pulled', message, place));
    if (streamed) {
      const streamingMessage = `Image ${image.ref} is backed by image streaming.`;
      chronological.push(entry(after - 200 + rand() * 3000, 'ImageStreaming', streamingMessage, { node: place.node }));
    }
  }
  chronological.length = count;
  // Newest first; crash-loop repeats land after later episodes' entries, so sort by time.
  return chronological
    .map((e) => ({ e, t: Date.parse((e as { timestamp: string }).timestamp) }))
    .sort((a, b) => b.t - a.t)
    .map(({ e }) => e);
}

/** A nodePools.list response for the bench's cluster: gcfsConfig.enabled and instance groups per pool. */
export function benchNodePools(): object {
  return {
    nodePools: POOLS.map((pool) => ({
      name: pool.name,
      config: {
        machineType: 'e2-standard-4',
        imageType: 'COS_CONTAINERD',
        ...(pool.streaming ? { gcfsConfig: { enabled: true } } : {}),
      },
      instanceGroupUrls: pool.groups.map(
        (hash, i) =>
          `https://www.googleapis.com/compute/v1/projects/${BENCH_PROJECT}/zones/${LOCATION}-${'bcd'[i]}/instanceGroupManagers/gke-${BENCH_CLUSTER}-${pool.name}-${hash}-grp`,
      ),
      status: 'RUNNING',
      version: '1.30.5-gke.1014001',
    })),
  };
}
