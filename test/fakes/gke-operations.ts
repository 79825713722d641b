/**
 * The operations of the GKE fake: each goes PENDING -> RUNNING -> DONE as it is polled, and
 * applies its change when DONE (unless it was given an error).
 */

/** One operation and its bookkeeping. */
export interface FakeOperation {
  /** The Operation as the API shows it. */
  json: Record<string, any>;
  project: string;
  location: string;
  /** `projects/P/locations/L/clusters/C` */
  clusterKey: string;
  pool?: string;
  /** GETs answered so far. */
  polls: number;
  pendingPolls: number;
  runningPolls: number;
  apply?: () => void;
  error?: { code: number; message: string };
}

/** What starts an operation. */
export interface OperationStart {
  project: string;
  location: string;
  cluster: string;
  pool?: string;
  operationType: string;
  pendingPolls: number;
  runningPolls: number;
  apply?: () => void;
}

/** Every operation of the fake, oldest first. */
export interface OperationBook {
  all: FakeOperation[];
  start(start: OperationStart): FakeOperation;
  /** One GET of the operation: counts the poll and moves its status on. */
  poll(op: FakeOperation): void;
  finish(op: FakeOperation): void;
  /** A running operation an update of this cluster (or pool) conflicts with. */
  conflicting(clusterKey: string, pool: string | undefined): FakeOperation | undefined;
}

/** A new book; links use the project number, and `zones/` for zonal locations, like GKE's. */
export function createOperationBook(projectNumber: string): OperationBook {
  const all: FakeOperation[] = [];
  let sequence = 0;
  const link = (location: string, rest: string) =>
    `https://container.googleapis.com/v1/projects/${projectNumber}/${/-[a-z]$/.test(location) ? 'zones' : 'locations'}/${location}/${rest}`;

  const finish = (op: FakeOperation) => {
    if (op.json.status === 'DONE') return;
    op.json.status = 'DONE';
    op.json.endTime = new Date().toISOString();
    if (op.error) op.json.error = op.error;
    else op.apply?.();
  };

  return {
    all,
    start(s) {
      sequence += 1;
      const name = `operation-${1700000000000 + sequence}-${(0xa1b2c3d4 + sequence).toString(16)}`;
      const target = s.pool === undefined ? `clusters/${s.cluster}` : `clusters/${s.cluster}/nodePools/${s.pool}`;
      const op: FakeOperation = {
        json: {
          name,
          zone: s.location,
          operationType: s.operationType,
          status: s.pendingPolls > 0 ? 'PENDING' : 'RUNNING',
          selfLink: link(s.location, `operations/${name}`),
          targetLink: link(s.location, target),
          startTime: new Date(Date.now() + sequence).toISOString(),
          location: s.location,
        },
        project: s.project,
        location: s.location,
        clusterKey: `projects/${s.project}/locations/${s.location}/clusters/${s.cluster}`,
        ...(s.pool !== undefined ? { pool: s.pool } : {}),
        polls: 0,
        pendingPolls: s.pendingPolls,
        runningPolls: s.runningPolls,
        ...(s.apply ? { apply: s.apply } : {}),
      };
      all.push(op);
      return op;
    },
    poll(op) {
      op.polls += 1;
      if (op.json.status === 'DONE') return;
      if (op.polls > op.pendingPolls + op.runningPolls) finish(op);
      else if (op.polls > op.pendingPolls) op.json.status = 'RUNNING';
    },
    finish,
    // Updates to different node pools may run in parallel; anything else conflicts (docs/image-streaming.md).
    conflicting: (clusterKey, pool) =>
      all.find(
        (op) =>
          op.clusterKey === clusterKey &&
          op.json.status !== 'DONE' &&
          (op.pool === undefined || pool === undefined || op.pool === pool),
      ),
  };
}
