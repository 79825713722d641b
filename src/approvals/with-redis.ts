import { RemoteError, UsageError, errorMessage } from '../errors';
import { ApprovalStateError } from './approval-state-error';

/**
 * Runs Redis work and turns a connection or command failure into a RemoteError the user can be
 * shown ("Redis ... failed: Connection is closed"), so a producer that fails fast says why.
 * Errors we raise on purpose pass through untouched.
 */
export async function withRedis<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RemoteError || err instanceof UsageError || err instanceof ApprovalStateError) throw err;
    throw new RemoteError(`Redis ${what} failed: ${errorMessage(err)}`);
  }
}
