import { type MessageDocument, textMessage } from '../../../src/chat/message-document';
import { code, rich } from '../../../src/chat/rich-text';

/** The answer to ADDED_TO_SPACE: what the bot is, and where to start. */
export const WELCOME: MessageDocument = textMessage(
  rich`Hi! I check and operate GKE Image Streaming: cluster status, eligibility checks, gcfsd errors, enabling it with an approval. Type ${code('/imagestream help')} to see every command.`,
);
