import { z } from 'zod';
import type { ApproverDirectory } from '../../../src/chat/approver-directory';
import { PrincipalId, localIdOf, platformOf, principalId } from '../../../src/chat/principal-id';
import { RichText, Span, joinRich, mention, rich } from '../../../src/chat/rich-text';
import { UsageError } from '../../../src/errors';
import { UsergroupMembers, UsergroupsClient } from './usergroup-members';
import { parseOr } from '../../../src/validation/parse-or';
import { slackUsergroupIdSchema } from '../slack-ids';

/** Slack's approvers: user ids and/or the members of one user group. */
export interface SlackApproversOptions {
  /** Slack user ids of the approvers (IMAGESTREAM_APPROVERS). */
  userIds: string[];
  /** A Slack user group id (S...) whose members are approvers too (IMAGESTREAM_APPROVER_GROUP). */
  usergroup?: string;
  /** How long usergroup members are cached, ms; default 60 s. */
  cacheMs?: number;
  /** The clock, epoch ms. */
  now?: () => number;
}

const optionsSchema = z.object({
  // Nothing that could break `<@id>` markup.
  userIds: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Slack id')),
  usergroup: slackUsergroupIdSchema.optional(),
  cacheMs: z.number().int().nonnegative().optional(),
});

/**
 * Who approves on Slack: the users named in IMAGESTREAM_APPROVERS, and the members of
 * IMAGESTREAM_APPROVER_GROUP (usergroups.users.list, cached). Principals of other platforms are
 * never Slack approvers. The decision itself is src/approvals/approver-policy.ts.
 */
export class SlackApproverDirectory implements ApproverDirectory {
  readonly platform = 'slack';
  readonly platformName = 'Slack';
  readonly configured: boolean;
  private readonly userIds: Set<string>;
  private readonly usergroup?: string;
  private readonly group?: UsergroupMembers;

  constructor(slack: UsergroupsClient, options: SlackApproversOptions) {
    const valid = parseOr(
      optionsSchema,
      options,
      (issue) => new UsageError(`invalid approvers: ${issue.path.join('.')}: ${issue.message}`),
    );
    this.userIds = new Set(valid.userIds);
    this.usergroup = valid.usergroup;
    if (this.usergroup) {
      this.group = new UsergroupMembers(slack, this.usergroup, valid.cacheMs ?? 60_000, options.now ?? Date.now);
    }
    this.configured = this.userIds.size > 0 || this.group !== undefined;
  }

  /** Named users first: they cost no Slack call. RemoteError when the group's members cannot be read. */
  async isApprover(who: PrincipalId): Promise<boolean> {
    if (platformOf(who) !== this.platform) return false;
    const userId = localIdOf(who);
    if (this.userIds.has(userId)) return true;
    if (!this.group) return false;
    return (await this.group.members()).has(userId);
  }

  /** "<@U1>, <@U2>, members of <!subteam^S1>" once written as mrkdwn. */
  describe(): RichText {
    const who: RichText[] = [...this.userIds].map((id) => [mentionOf(id)]);
    if (this.usergroup)
      who.push(rich`members of ${[{ kind: 'group', platform: this.platform, group: this.usergroup }]}`);
    return joinRich(who, ', ');
  }
}

/** A mention of a configured id; one that is no principal id shows as plain text (never as markup). */
function mentionOf(userId: string): Span {
  try {
    return mention(principalId('slack', userId));
  } catch {
    return { kind: 'text', text: userId };
  }
}
