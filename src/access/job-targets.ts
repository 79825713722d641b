import { parseImageRef } from '../images/image-ref';
import { imageProjectOf } from '../images/image-project';
import type { JobName, JobPayload } from '../queue/job-schemas';
import type { AccessScope, ScopeTarget } from './access-scope';

/**
 * What a job will touch, as its payload names it. The slash command checks this before it queues
 * (the user hears at once) and the worker again before it runs (a job crossed Redis, and the
 * allow-list may have changed since). Jobs whose payload holds only an id (`apply`, `fix`) check
 * the request or alert they read instead; `home` and the digest's tick leave out what is outside;
 * `expire` touches no project.
 */
export function targetsOfJob<N extends JobName>(name: N, payload: JobPayload<N>): ScopeTarget[] {
  const p = payload as JobPayload<JobName>;
  switch (name) {
    case 'status':
    case 'verify':
    case 'enable':
    case 'disable':
    case 'pulls':
    case 'digest-cluster': {
      const { project, location } = (p as JobPayload<'status'>).target;
      return [{ project, location }];
    }
    case 'errors': {
      const { project, location } = (p as JobPayload<'errors'>).target;
      // No location: the Logging query covers every location of the project.
      return [{ project, location: location ?? null }];
    }
    case 'setup-alerts':
      return [{ project: (p as JobPayload<'setup-alerts'>).project }];
    case 'check': {
      const { options } = p as JobPayload<'check'>;
      const targets: ScopeTarget[] = [];
      if (options.cluster && options.project) targets.push({ project: options.project, location: options.location });
      // The registry and the repository's CMEK and IAM are read with the bot's credentials too.
      const image = parseImageRef(options.image);
      const imageProject = imageProjectOf(image);
      if (imageProject !== undefined) {
        targets.push({
          project: imageProject ?? '',
          what: imageProject
            ? `project ${imageProject} (of image ${image.raw.slice(0, 120)})`
            : `the project of image ${image.raw.slice(0, 120)}`,
        });
      }
      return targets;
    }
    default:
      return [];
  }
}

/** Throws OutOfScopeError (a UsageError) naming the first target of the job the bot may not touch. */
export function checkJobScope<N extends JobName>(scope: AccessScope, name: N, payload: JobPayload<N>): void {
  for (const target of targetsOfJob(name, payload)) scope.check(target);
}
