import { RemoteError, errorMessage } from '../../../src/errors';

/** The one Slack Web API method the approver check needs (a WebClient fits). */
export interface UsergroupsClient {
  usergroups: { users: { list(args: { usergroup: string }): Promise<{ ok?: boolean; users?: string[] }> } };
}

/**
 * The members of one Slack user group, fetched with usergroups.users.list (scope
 * `usergroups:read`) and cached for `cacheMs`, so a burst of clicks costs one call. Concurrent
 * callers share one request in flight; a failure is not cached.
 */
export class UsergroupMembers {
  private cached?: { members: Set<string>; until: number };
  private inFlight?: Promise<Set<string>>;

  constructor(
    private readonly slack: UsergroupsClient,
    private readonly usergroup: string,
    private readonly cacheMs: number,
    private readonly now: () => number,
  ) {}

  /** The current members; RemoteError when Slack will not say. */
  async members(): Promise<Set<string>> {
    if (this.cached && this.now() < this.cached.until) return this.cached.members;
    this.inFlight ??= this.fetch().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetch(): Promise<Set<string>> {
    let answer: { ok?: boolean; users?: string[] };
    try {
      answer = await this.slack.usergroups.users.list({ usergroup: this.usergroup });
    } catch (err) {
      throw new RemoteError(`could not list the members of user group ${this.usergroup}: ${errorMessage(err)}`);
    }
    if (answer.ok === false || !Array.isArray(answer.users)) {
      throw new RemoteError(`could not list the members of user group ${this.usergroup}: Slack gave no member list`);
    }
    const members = new Set(answer.users.filter((u): u is string => typeof u === 'string'));
    this.cached = { members, until: this.now() + this.cacheMs };
    return members;
  }
}
