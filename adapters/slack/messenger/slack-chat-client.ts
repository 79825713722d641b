/**
 * The Web API calls the Slack messenger makes (a WebClient fits; tests pass a recorder). Only the
 * fields the bot sends and reads are named.
 */
export interface SlackChatClient {
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks: unknown[];
      thread_ts?: string;
    }): Promise<{ ts?: string; channel?: string }>;
    update(args: { channel: string; ts: string; text: string; blocks: unknown[] }): Promise<unknown>;
    postEphemeral(args: {
      channel: string;
      user: string;
      text: string;
      blocks: unknown[];
      thread_ts?: string;
    }): Promise<unknown>;
  };
}
