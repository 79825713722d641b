import { z } from 'zod';

/**
 * Slack's own id shapes, checked by the Slack adapter on the way in (the core knows only principal
 * ids and conversation refs, whose local parts every platform shares).
 */

/** Slack user ids: U... or W... (Enterprise Grid), upper-case letters and digits. */
export const slackUserIdSchema = z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'not a Slack user id');

/** Slack conversation ids: C... (channel), G... (private channel, older), D... (direct message). */
export const slackChannelIdSchema = z.string().regex(/^[CGD][A-Z0-9]{2,20}$/, 'not a Slack channel id');

/** Slack user group ids: S... (IMAGESTREAM_APPROVER_GROUP; `<!subteam^S…>` in mrkdwn). */
export const slackUsergroupIdSchema = z.string().regex(/^S[A-Z0-9]{1,40}$/, 'must be a Slack user group id (S...)');
