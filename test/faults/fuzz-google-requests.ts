/**
 * The fuzz test's check that no hostile string reached a Google API: every name in a recorded
 * request path (and the project and cluster of a Cloud Logging query) must obey the naming rules
 * of docs/image-streaming.md, written out here again rather than imported, so the bot's own validation is not
 * what judges it.
 */

// docs/image-streaming.md: cluster names, and node pool names, 1-40 chars.
const GKE_NAME = /^[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?$/;
// Project ids: 6-30 lowercase letters, digits or hyphens, starting with a letter; GKE answers with numbers too.
const PROJECT = /^(?:[a-z][a-z0-9-]{4,28}[a-z0-9]|\d{6,20})$/;
// Regions and zones (us-east1, europe-west1-b), or "-" for every location.
const LOCATION = /^(?:[a-z]+-[a-z]+\d{1,2}(?:-[a-z])?|-|global)$/;
const OPERATION = /^[A-Za-z0-9_-]{1,128}$/;
// What may appear anywhere in a path the bot builds: no spaces, quotes, shell or control characters.
const PATH_CHARS = /^[A-Za-z0-9/._:@-]*$/;

const SEGMENT_RULES: Record<string, RegExp> = {
  projects: PROJECT,
  locations: LOCATION,
  zones: LOCATION,
  regions: LOCATION,
  clusters: GKE_NAME,
  nodePools: GKE_NAME,
  operations: OPERATION,
};

/** One request a Google fake received. */
export interface RecordedRequest {
  method: string;
  path: string;
  body?: unknown;
}

/** Why a recorded request carries an unvalidated value; undefined when it is clean. */
export function unvalidatedValue(req: RecordedRequest): string | undefined {
  const { path } = req;
  if (!PATH_CHARS.test(path)) return `path has characters outside the naming rules: ${JSON.stringify(path)}`;
  const segments = path.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return `path traversal in ${path}`;
  for (let i = 0; i < segments.length - 1; i += 1) {
    const rule = SEGMENT_RULES[segments[i]!];
    // `projects/P:getIamPolicy` and the like: the method suffix is not part of the name.
    const value = segments[i + 1]!.replace(/:[a-zA-Z]+$/, '');
    if (rule && !rule.test(value)) return `${segments[i]}/${value} breaks the naming rule in ${path}`;
  }
  return loggingQueryProblem(req.body);
}

/** A Cloud Logging entries:list body: its resourceNames and the cluster in its filter. */
function loggingQueryProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { resourceNames, filter } = body as { resourceNames?: unknown; filter?: unknown };
  if (Array.isArray(resourceNames)) {
    for (const name of resourceNames) {
      const project = /^projects\/(.*)$/.exec(String(name))?.[1];
      if (project === undefined || !PROJECT.test(project)) return `resourceNames has ${JSON.stringify(name)}`;
    }
  }
  if (typeof filter === 'string') {
    for (const m of filter.matchAll(/cluster_name\s*=\s*"([^"]*)"/g)) {
      if (!GKE_NAME.test(m[1]!)) return `filter names cluster ${JSON.stringify(m[1])}`;
    }
  }
  return undefined;
}

/** Fields of a queued job payload (`target`, or a check's `options`) that end up in Google URLs. */
export function unvalidatedTarget(data: unknown): string | undefined {
  const { target, options } = (data ?? {}) as { target?: unknown; options?: unknown };
  return targetProblem(target) ?? targetProblem(options);
}

function targetProblem(target: unknown): string | undefined {
  if (typeof target !== 'object' || target === null) return undefined;
  const { project, location, cluster, pool } = target as Record<string, unknown>;
  if (project !== undefined && !PROJECT.test(String(project))) return `project ${JSON.stringify(project)}`;
  if (location !== undefined && !LOCATION.test(String(location))) return `location ${JSON.stringify(location)}`;
  if (cluster !== undefined && !GKE_NAME.test(String(cluster))) return `cluster ${JSON.stringify(cluster)}`;
  if (pool !== undefined && !GKE_NAME.test(String(pool))) return `pool ${JSON.stringify(pool)}`;
  return undefined;
}
