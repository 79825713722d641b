/**
 * Slack's side of the conversation with a bot running as a real process (spawnBot): signed slash
 * commands and button clicks over a socket to its port, with response URLs on the Slack fake.
 */
import type { FakeSlack } from '../fakes/slack-api';
import { APPROVER, CHANNEL, REQUESTER } from '../support/bot-harness';
import type { BotProcess } from '../support/bot-process';
import { blockActionsBody, postSigned, slashCommandBody } from '../support/slack-sign';

/** The port a web-role process printed in its "listening" log line. */
export function portOf(bot: BotProcess): number {
  const line = bot.logs.find((l) => typeof l.port === 'number');
  if (!line) throw new Error('the bot logged no port (is it a web role?)');
  return line.port as number;
}

/** `/imagestream TEXT` from REQUESTER in CHANNEL, replies going to the fake's response URL `responseId`. */
export function sendCommand(
  port: number,
  slack: FakeSlack,
  text: string,
  responseId: string,
): Promise<{ status: number; text: string }> {
  return postSigned(
    port,
    slashCommandBody({ text, response_url: slack.responseUrl(responseId), user_id: REQUESTER, channel_id: CHANNEL }),
  );
}

/** APPROVER clicks Approve on the request `id`. */
export function clickApprove(port: number, slack: FakeSlack, id: string): Promise<{ status: number; text: string }> {
  return postSigned(
    port,
    blockActionsBody({
      action_id: 'imagestream_approve',
      value: id,
      user_id: APPROVER,
      channel_id: CHANNEL,
      message_ts: '1700000000.000100',
      response_url: slack.responseUrl(`click-${id}`),
    }),
  );
}
