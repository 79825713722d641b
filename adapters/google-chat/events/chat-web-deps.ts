import type { WebDeps } from '../../../handlers/web-deps';
import type { ChatApproverDirectory } from '../approvers/chat-approver-directory';

/** What the Chat front door uses: the core's listener deps and Chat's own. */
export interface ChatWebDeps extends WebDeps {
  chat: {
    /** GOOGLE_CHAT_COMMAND_ID: the id of `/imagestream`; unset, any slash command of the app is it. */
    commandId?: number | string;
    /** Learns the e-mails of the users seen on verified events (e-mail approvers). */
    directory: Pick<ChatApproverDirectory, 'remember'>;
  };
}
