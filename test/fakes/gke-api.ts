/**
 * A stateful fake of the GKE (container v1) REST API on 127.0.0.1: clusters stored as real
 * Cluster JSON, enable/disable updates, pool upgrades (`{nodeVersion}`) and pool creation
 * (`POST .../nodePools`) that start Operations going PENDING -> RUNNING -> DONE over a set number
 * of polls and apply the change when DONE, and the 400 FAILED_PRECONDITION GKE sends while another
 * operation runs (docs/image-streaming.md "How the Google APIs express it").
 */
import { OperationBook, createOperationBook } from './gke-operations';
import { clusterUpdateValue, poolCreateValue, poolUpdateValue, poolVersionValue } from './gke-update-bodies';
import { sendError, sendJson, startHttpFake } from './http-fake';

/** The API methods served, by their googleapis names. */
export type GkeRoute =
  | 'clusters.list'
  | 'clusters.get'
  | 'clusters.update'
  | 'nodePools.get'
  | 'nodePools.update'
  | 'nodePools.create'
  | 'operations.get'
  | 'operations.list';

/** A cluster by project id, location and name. */
export interface FakeClusterRef {
  project: string;
  location: string;
  cluster: string;
}

/** An injected failure, answered before the state is consulted; the first match wins. */
export interface GkeFault {
  route: GkeRoute;
  /**
   * HTTP status, 'drop' to close the socket without an answer, or 'pass' to answer as usual (with
   * `delayMs`: a slow answer).
   */
  status: number | 'drop' | 'pass';
  /** Answer only after this long: a slow API, past the client's timeout when larger than it. */
  delayMs?: number;
  message?: string;
  /** Google's `error.status`; default from the code (400 = INVALID_ARGUMENT). */
  apiStatus?: string;
  /** How many requests it applies to; undefined = all of them. */
  times?: number;
  /** Only requests whose path contains this. */
  pathIncludes?: string;
  /**
   * Handle the request on arrival, as GKE does, then answer the fault: an update whose answer is
   * lost, or (with 'pass' and `delayMs`) one whose operation started but whose answer came after
   * the client gave up.
   */
  afterHandling?: boolean;
}

/** One request the fake received, with what it answered. */
export interface GkeRequest {
  route: GkeRoute | 'unknown';
  method: string;
  path: string;
  body?: unknown;
  /** HTTP status answered (0 for a dropped connection). */
  status: number;
  /** When it arrived (performance.now()), for benchmarks. */
  at: number;
  /** For operations.get: the operation status answered. */
  opStatus?: string;
}

/** How operations progress. */
export interface GkeFakeOptions {
  /** GETs of an operation answered PENDING before it runs; default 1. */
  pendingPolls?: number;
  /** GETs answered RUNNING before DONE; default 2. */
  runningPolls?: number;
  /** The project number GKE writes into targetLink and selfLink; default 123456789012. */
  projectNumber?: string;
}

/** Options of an operation started "by someone else". */
export interface BusyOperationOptions {
  pool?: string;
  /** Default UPGRADE_MASTER. */
  operationType?: string;
  /** GETs answered RUNNING before DONE; default 2. */
  polls?: number;
}

/** A running fake. */
export interface GkeFake {
  /** `http://127.0.0.1:PORT/`, the `rootUrl` of the container client. */
  url: string;
  /** Cluster JSON by `projects/P/locations/L/clusters/C`; inspect or edit between calls. */
  clusters: Record<string, Record<string, any>>;
  faults: GkeFault[];
  requests: GkeRequest[];
  /** The next operation an update starts ends DONE with this error and changes nothing (one-shot). */
  nextOperationError?: { code: number; message: string };
  /**
   * Operations started by a change from now on end DONE on their own this long after they start,
   * polled or not, as GKE runs them (by default only polls move an operation on). Cleared by reset.
   */
  finishOperationsAfterMs?: number;
  /** Stores a cluster; pools whose gcfsConfig differs from the cluster default count as set explicitly. */
  addCluster(ref: FakeClusterRef, cluster: Record<string, any>): void;
  /** The stored cluster (throws when absent). */
  cluster(ref: FakeClusterRef): Record<string, any>;
  /** A stored pool (throws when absent). */
  pool(ref: FakeClusterRef, name: string): Record<string, any>;
  /** Every operation, oldest first, as the API shows it. */
  operations(): Array<Record<string, any>>;
  /** Starts a RUNNING operation on the cluster (or a pool) that changes nothing; returns its name. */
  startBusyOperation(ref: FakeClusterRef, options?: BusyOperationOptions): string;
  /** Ends an operation now (applying its change). */
  finishOperation(name: string): void;
  /** Update requests received for a resource (`projects/.../clusters/C[/nodePools/NP]`), any answer. */
  updateCalls(resource: string): number;
  /** Update requests that started an operation. */
  acceptedUpdates(resource: string): number;
  /** Forgets clusters, operations, faults and requests. */
  reset(): void;
  close(): Promise<void>;
}

interface Answer {
  code: number;
  body?: unknown;
  message?: string;
  apiStatus?: string;
}

const P = '([a-z0-9-]+)';
const ROUTES: Array<{ route: GkeRoute; method: string; re: RegExp }> = [
  // Location `-` lists every zone and region of the project (the App Home's read).
  { route: 'clusters.list', method: 'GET', re: new RegExp(`^/v1/projects/${P}/locations/${P}/clusters$`) },
  { route: 'clusters.get', method: 'GET', re: new RegExp(`^/v1/projects/${P}/locations/${P}/clusters/${P}$`) },
  { route: 'clusters.update', method: 'PUT', re: new RegExp(`^/v1/projects/${P}/locations/${P}/clusters/${P}$`) },
  {
    route: 'nodePools.get',
    method: 'GET',
    re: new RegExp(`^/v1/projects/${P}/locations/${P}/clusters/${P}/nodePools/${P}$`),
  },
  {
    route: 'nodePools.update',
    method: 'PUT',
    re: new RegExp(`^/v1/projects/${P}/locations/${P}/clusters/${P}/nodePools/${P}$`),
  },
  {
    route: 'nodePools.create',
    method: 'POST',
    re: new RegExp(`^/v1/projects/${P}/locations/${P}/clusters/${P}/nodePools$`),
  },
  {
    route: 'operations.get',
    method: 'GET',
    re: new RegExp(`^/v1/projects/${P}/locations/${P}/operations/([A-Za-z0-9_-]+)$`),
  },
  { route: 'operations.list', method: 'GET', re: new RegExp(`^/v1/projects/${P}/locations/${P}/operations$`) },
];

/** Starts the fake on a free loopback port. */
export async function startGkeFake(fakeOptions: GkeFakeOptions = {}): Promise<GkeFake> {
  const clusters: Record<string, Record<string, any>> = {};
  /** Pools set explicitly, per cluster key: a cluster-level change leaves them alone (docs/image-streaming.md). */
  const explicit = new Map<string, Set<string>>();
  const book: OperationBook = createOperationBook(fakeOptions.projectNumber ?? '123456789012');
  const requests: GkeRequest[] = [];
  const received = new Map<string, number>();
  const accepted = new Map<string, number>();

  const key = (project: string, location: string, cluster: string) =>
    `projects/${project}/locations/${location}/clusters/${cluster}`;
  const findPool = (cluster: Record<string, any>, name: string) =>
    (cluster.nodePools as Array<Record<string, any>> | undefined)?.find((p) => p.name === name);

  const update = (m: string[], pool: string | undefined, enabled: boolean): Answer =>
    startChange(m, pool, pool === undefined ? 'UPDATE_CLUSTER' : 'UPGRADE_NODES', (clusterKey) =>
      pool === undefined ? applyCluster(clusterKey, enabled) : applyPool(clusterKey, pool, enabled),
    );

  /** Starts the operation of one change of the cluster or a pool; `apply` runs when it is DONE. */
  const startChange = (
    m: string[],
    pool: string | undefined,
    operationType: string,
    apply: (clusterKey: string) => void,
    options: { poolMustExist?: boolean; onStart?: (clusterKey: string) => void } = {},
  ): Answer => {
    const [project, location, clusterName] = [m[1]!, m[2]!, m[3]!];
    const clusterKey = key(project, location, clusterName);
    const cluster = clusters[clusterKey];
    const resource = pool === undefined ? clusterKey : `${clusterKey}/nodePools/${pool}`;
    if (!cluster) return { code: 404, message: `Not found: ${clusterKey}.` };
    if (pool !== undefined && options.poolMustExist !== false && !findPool(cluster, pool)) {
      return { code: 404, message: `Not found: ${resource}.` };
    }
    const busy = book.conflicting(clusterKey, pool);
    if (busy) {
      return {
        code: 400,
        apiStatus: 'FAILED_PRECONDITION',
        message: `Cluster is running incompatible operation ${busy.json.name}.`,
      };
    }
    accepted.set(resource, (accepted.get(resource) ?? 0) + 1);
    const op = book.start({
      project,
      location,
      cluster: clusterName,
      ...(pool !== undefined ? { pool } : {}),
      // nodePools.update "initiates an upgrade operation" (API reference): UPGRADE_NODES.
      operationType,
      pendingPolls: fakeOptions.pendingPolls ?? 1,
      runningPolls: fakeOptions.runningPolls ?? 2,
      apply: () => apply(clusterKey),
    });
    options.onStart?.(clusterKey);
    if (fake.nextOperationError) {
      op.error = fake.nextOperationError;
      delete fake.nextOperationError;
    }
    if (fake.finishOperationsAfterMs !== undefined) {
      // Not after a reset: its cluster may be gone.
      setTimeout(() => book.all.includes(op) && book.finish(op), fake.finishOperationsAfterMs).unref();
    }
    return { code: 200, body: op.json };
  };

  const applyCluster = (clusterKey: string, enabled: boolean) => {
    const cluster = clusters[clusterKey]!;
    cluster.nodePoolDefaults ??= {};
    cluster.nodePoolDefaults.nodeConfigDefaults ??= {};
    // proto3 JSON: a false boolean is left out, so "off" is an empty message.
    cluster.nodePoolDefaults.nodeConfigDefaults.gcfsConfig = enabled ? { enabled: true } : {};
    const kept = explicit.get(clusterKey) ?? new Set<string>();
    for (const pool of (cluster.nodePools ?? []) as Array<Record<string, any>>) {
      if (kept.has(pool.name)) continue;
      pool.config ??= {};
      pool.config.gcfsConfig = enabled ? { enabled: true } : {};
    }
  };
  const applyPool = (clusterKey: string, name: string, enabled: boolean) => {
    const pool = findPool(clusters[clusterKey]!, name)!;
    pool.config ??= {};
    pool.config.gcfsConfig = enabled ? { enabled: true } : {};
    if (!explicit.has(clusterKey)) explicit.set(clusterKey, new Set());
    explicit.get(clusterKey)!.add(name);
  };

  const answer = (route: GkeRoute, m: string[], body: unknown): Answer => {
    switch (route) {
      case 'clusters.list': {
        const listed = Object.entries(clusters)
          .filter(([k]) => k.startsWith(`projects/${m[1]}/locations/${m[2] === '-' ? '' : `${m[2]}/`}`))
          .map(([, cluster]) => cluster);
        return { code: 200, body: listed.length > 0 ? { clusters: listed } : {} };
      }
      case 'clusters.get': {
        const cluster = clusters[key(m[1]!, m[2]!, m[3]!)];
        return cluster ? { code: 200, body: cluster } : { code: 404, message: `Not found: ${m[0]!.slice(4)}.` };
      }
      case 'nodePools.get': {
        const cluster = clusters[key(m[1]!, m[2]!, m[3]!)];
        const pool = cluster && findPool(cluster, m[4]!);
        return pool ? { code: 200, body: pool } : { code: 404, message: `Not found: ${m[0]!.slice(4)}.` };
      }
      case 'clusters.update': {
        const enabled = clusterUpdateValue(body);
        if (enabled === undefined) {
          return {
            code: 400,
            message: 'fake: the body must be {"update": {"desiredGcfsConfig": {...}}} and nothing else',
          };
        }
        return update(m, undefined, enabled);
      }
      case 'nodePools.update': {
        const version = poolVersionValue(body);
        if (version !== undefined) {
          return startChange(m, m[4]!, 'UPGRADE_NODES', (clusterKey) => {
            findPool(clusters[clusterKey]!, m[4]!)!.version = version;
          });
        }
        const enabled = poolUpdateValue(body);
        if (enabled === undefined)
          return {
            code: 400,
            message: 'fake: the body must be {"gcfsConfig": {...}} or {"nodeVersion": "..."} and nothing else',
          };
        return update(m, m[4]!, enabled);
      }
      case 'nodePools.create': {
        const pool = poolCreateValue(body);
        if (!pool) return { code: 400, message: 'fake: the body must be {"nodePool": {"name": ..., "config": {...}}}' };
        const cluster = clusters[key(m[1]!, m[2]!, m[3]!)];
        if (cluster && findPool(cluster, pool.name as string)) {
          return { code: 409, apiStatus: 'ALREADY_EXISTS', message: `Already exists: node pool "${pool.name}".` };
        }
        // GKE lists a new pool at once, PROVISIONING, and RUNNING once its operation is DONE.
        return startChange(
          m,
          pool.name as string,
          'CREATE_NODE_POOL',
          (clusterKey) => {
            findPool(clusters[clusterKey]!, pool.name as string)!.status = 'RUNNING';
          },
          {
            poolMustExist: false,
            onStart: (clusterKey) => {
              const created = {
                ...pool,
                status: 'PROVISIONING',
                version: pool.version ?? clusters[clusterKey]!.currentNodeVersion,
              };
              ((clusters[clusterKey]!.nodePools ??= []) as Array<Record<string, any>>).push(created);
              // A pool created with its own gcfsConfig has it set explicitly.
              if (!explicit.has(clusterKey)) explicit.set(clusterKey, new Set());
              explicit.get(clusterKey)!.add(pool.name as string);
            },
          },
        );
      }
      case 'operations.get': {
        const op = book.all.find((o) => o.json.name === m[3] && o.project === m[1] && o.location === m[2]);
        if (!op) return { code: 404, message: `Not found: ${m[0]!.slice(4)}.` };
        book.poll(op);
        return { code: 200, body: op.json };
      }
      case 'operations.list': {
        const listed = book.all.filter((o) => o.project === m[1] && (m[2] === '-' || o.location === m[2]));
        return { code: 200, body: { operations: listed.map((o) => o.json) } };
      }
    }
  };

  const server = await startHttpFake((req, res) => {
    const found = ROUTES.map((r) => ({ r, m: r.method === req.method ? r.re.exec(req.path) : null })).find((x) => x.m);
    const record: GkeRequest = {
      route: found?.r.route ?? 'unknown',
      method: req.method,
      path: req.path,
      ...(req.body !== undefined ? { body: req.body } : {}),
      status: 0,
      at: performance.now(),
    };
    requests.push(record);
    if (
      record.route === 'clusters.update' ||
      record.route === 'nodePools.update' ||
      record.route === 'nodePools.create'
    ) {
      const resource = req.path.replace(/^\/v1\//, '');
      received.set(resource, (received.get(resource) ?? 0) + 1);
    }
    const reply = (a: Answer) => {
      record.status = a.code;
      if (a.code === 200) {
        const status = (a.body as { status?: unknown }).status;
        if (record.route === 'operations.get' && typeof status === 'string') record.opStatus = status;
        return sendJson(res, a.body);
      }
      return sendError(res, a.code, a.message ?? `HTTP ${a.code}`, a.apiStatus);
    };
    if (!req.authorized) return reply({ code: 401, message: 'Request had invalid authentication credentials.' });
    if (!found) return reply({ code: 404, message: `fake: no route for ${req.method} ${req.path}` });
    const fault = fake.faults.find(
      (f) =>
        f.route === found.r.route &&
        (f.pathIncludes === undefined || req.path.includes(f.pathIncludes)) &&
        (f.times === undefined || f.times > 0),
    );
    if (!fault) return reply(answer(found.r.route, [...found.m!], req.body));
    if (fault.times !== undefined) fault.times -= 1;
    const { status } = fault;
    const handled = fault.afterHandling ? answer(found.r.route, [...found.m!], req.body) : undefined;
    const respond = () => {
      // Without afterHandling a slow answer is handled when it is sent: after the client that gave
      // up on it may have sent the change again.
      if (status === 'pass') return reply(handled ?? answer(found.r.route, [...found.m!], req.body));
      if (status === 'drop') return req.drop();
      return reply({
        code: status,
        message: fault.message ?? `injected ${status}`,
        ...(fault.apiStatus ? { apiStatus: fault.apiStatus } : {}),
      });
    };
    if (fault.delayMs === undefined) return respond();
    setTimeout(respond, fault.delayMs).unref();
  });

  const fake: GkeFake = {
    url: server.url,
    clusters,
    faults: [],
    requests,
    addCluster(ref, cluster) {
      const k = key(ref.project, ref.location, ref.cluster);
      clusters[k] = cluster;
      const on = (c: unknown) => (c as { enabled?: boolean } | undefined)?.enabled === true;
      const clusterOn = on(cluster.nodePoolDefaults?.nodeConfigDefaults?.gcfsConfig);
      const pools = (cluster.nodePools ?? []) as Array<Record<string, any>>;
      explicit.set(
        k,
        new Set(pools.filter((p) => on(p.config?.gcfsConfig) !== clusterOn).map((p) => p.name as string)),
      );
    },
    cluster(ref) {
      const c = clusters[key(ref.project, ref.location, ref.cluster)];
      if (!c) throw new Error(`fake: no cluster ${ref.cluster}`);
      return c;
    },
    pool(ref, name) {
      const p = findPool(fake.cluster(ref), name);
      if (!p) throw new Error(`fake: no pool ${name}`);
      return p;
    },
    operations: () => book.all.map((o) => o.json),
    startBusyOperation(ref, busy = {}) {
      const op = book.start({
        ...ref,
        ...(busy.pool !== undefined ? { pool: busy.pool } : {}),
        operationType: busy.operationType ?? 'UPGRADE_MASTER',
        pendingPolls: 0,
        runningPolls: busy.polls ?? 2,
      });
      return op.json.name as string;
    },
    finishOperation(name) {
      const op = book.all.find((o) => o.json.name === name);
      if (!op) throw new Error(`fake: no operation ${name}`);
      book.finish(op);
    },
    updateCalls: (resource) => received.get(resource) ?? 0,
    acceptedUpdates: (resource) => accepted.get(resource) ?? 0,
    reset() {
      for (const k of Object.keys(clusters)) delete clusters[k];
      explicit.clear();
      book.all.length = 0;
      requests.length = 0;
      received.clear();
      accepted.clear();
      fake.faults.length = 0;
      delete fake.nextOperationError;
      delete fake.finishOperationsAfterMs;
    },
    close: server.close,
  };
  return fake;
}
