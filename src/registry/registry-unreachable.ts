import { RemoteError } from '../errors';

/**
 * What the user is told about a registry that was refused (not on the allow-list, a forbidden
 * address, a realm or redirect elsewhere) or did not answer (refused connection, TLS failure,
 * timeout). One sentence for all of them: a different answer per case would let a Slack user map
 * which hosts and ports exist behind the bot.
 */
export const REGISTRY_UNREACHABLE = "the image's registry is not allowed or could not be reached";

/** A registry refused or unreachable; `detail` says which and why, for the log only. */
export class RegistryUnreachableError extends RemoteError {
  constructor(readonly detail: string) {
    super(REGISTRY_UNREACHABLE);
    this.name = 'RegistryUnreachableError';
  }
}
