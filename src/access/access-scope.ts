import { UsageError } from '../errors';
import { regionOf } from '../locations/gcp-location';

/**
 * What the bot is about to touch with its own credentials: a project, and where in it.
 * - `location` a region or zone: a cluster there;
 * - `location: null`: every location of the project (`errors` without --location reads them all);
 * - no `location` key: a project-level resource (an image's project, setup-alerts' topic and sink).
 */
export interface ScopeTarget {
  project: string;
  location?: string | null;
  /** How the refusal names the project, when not `project P` (e.g. the project of an image). */
  what?: string;
}

/** A request outside the allow-list; a UsageError, so every entry point answers it in one line. */
export class OutOfScopeError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'OutOfScopeError';
  }
}

/**
 * The projects and locations this bot may touch (IMAGESTREAM_ALLOWED_PROJECTS and
 * IMAGESTREAM_ALLOWED_LOCATIONS). The service account usually reads more than one team should
 * reach from Slack, and `--project` is whatever a user types: every path that leads to a Google
 * call asks here first. An empty list means no restriction on that axis (the default).
 * A region in the location list allows its zones too (a zonal cluster in us-east1-b is in
 * us-east1); a zone allows only that zone (a regional cluster spans several zones).
 */
export class AccessScope {
  private readonly projects: ReadonlySet<string>;
  private readonly locations: ReadonlySet<string>;

  constructor(projects: readonly string[] = [], locations: readonly string[] = []) {
    this.projects = new Set(projects);
    this.locations = new Set(locations);
  }

  /** True when projects are restricted (the start-up warning recommends it when they are not). */
  get restrictsProjects(): boolean {
    return this.projects.size > 0;
  }

  /** Why the bot may not touch the target, in one line for the user; undefined when it may. */
  refusal(target: ScopeTarget): string | undefined {
    if (this.projects.size > 0 && !this.projects.has(target.project)) {
      const what = target.what ?? `project ${clip(target.project)}`;
      return `${what} is not one this bot may touch; allowed: ${[...this.projects].join(', ')}`;
    }
    if (this.locations.size === 0 || !('location' in target)) return undefined;
    const allowed = [...this.locations].join(', ');
    if (target.location === null || target.location === undefined) {
      return `this bot may touch only clusters in ${allowed}: name the location with --location`;
    }
    if (this.allowsLocation(target.location)) return undefined;
    return `location ${clip(target.location)} is not one this bot may touch; allowed: ${allowed}`;
  }

  /** Throws OutOfScopeError when the bot may not touch the target. */
  check(target: ScopeTarget): void {
    const refused = this.refusal(target);
    if (refused !== undefined) throw new OutOfScopeError(refused);
  }

  /** True for a location the list allows (always true when locations are not restricted). */
  allowsLocation(location: string): boolean {
    if (this.locations.size === 0) return true;
    return this.locations.has(location) || this.locations.has(regionOf(location));
  }
}

// What a user typed is echoed back: never more than a project id's worth of it.
function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 63)}…` : text;
}
