import { Issue, describeIssue } from '../validation/parse-or';
import { GkeError } from './gke-error';

/**
 * `GKE API returned an unexpected operation for NAME at done: ...`: an answer that does not match
 * its schema is not trusted; the first problem says where it differs.
 */
export function unexpectedAnswer(what: string): (issue: Issue) => GkeError {
  return (issue) =>
    new GkeError('other', `GKE API returned an unexpected ${what} at ${describeIssue(issue, 'top level')}`);
}
