import { RemoteError } from '../errors';
import { apiErrorReason, httpStatusOf } from '../google/api-error-reason';
import { withParsedErrorBody } from './library-error';

/** The IAM permission entries:list needs, and the predefined role that grants it. */
export const LIST_PERMISSION = 'logging.logEntries.list';
export const VIEWER_ROLE = 'roles/logging.viewer';

/**
 * A failed entries:list call (after gaxios' retries) as a RemoteError whose message a user can
 * act on: the permission and role on 403, the project on 404, Google's own words otherwise.
 */
export function toLoggingError(failure: unknown, project: string): RemoteError {
  const err = withParsedErrorBody(failure);
  const status = httpStatusOf(err);
  const resource = `projects/${project}`;
  const reason = apiErrorReason(err, {
    api: 'Cloud Logging API',
    permission: LIST_PERMISSION,
    resource,
    notFound: `project ${project} not found: check the project id`,
  });
  if (status === 403) {
    return new RemoteError(
      `cannot read the logs of project ${project}: ${reason}; grant ${VIEWER_ROLE} (it includes ${LIST_PERMISSION})`,
      status,
    );
  }
  return new RemoteError(status === 404 ? reason : `cannot read the logs of project ${project}: ${reason}`, status);
}
