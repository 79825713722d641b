/**
 * The test-only text platform's listeners: what a Slack slash command and a Slack button click are
 * to the Slack adapter, `type` and `press` are to this one. Each hands the core the same input an
 * adapter builds (handlers/commands/run-command.ts, handlers/actions/run-button.ts) and puts the
 * core's answer in the transcript, as plain text; jobs answer there through TextMessenger.
 */
import type { ButtonClick } from '../../../handlers/actions/button-click';
import { buttonActionOf } from '../../../handlers/actions';
import { runButton } from '../../../handlers/actions/run-button';
import { runCommand } from '../../../handlers/commands/run-command';
import type { WebDeps } from '../../../handlers/web-deps';
import type { ConversationRef, MessageRef } from '../../../src/chat/conversation-ref';
import { documentToText } from '../../../src/chat/document-to-text';
import type { Button } from '../../../src/chat/message-document';
import { type PrincipalId, principalId } from '../../../src/chat/principal-id';
import type { TextMessage, TextMessenger } from './text-messenger';

/** Which posted message: its place among the posted ones (0 = first), its id (`m3`), or its reference. */
export type MessageChoice = number | string | MessageRef;

export class TextChat {
  readonly platform = 'text';

  constructor(
    readonly messenger: TextMessenger,
    private readonly deps: WebDeps,
    /** The room commands are typed in. */
    readonly space = 'ops-room',
  ) {}

  /** Types a command as `user`; returns the immediate answer (the ack), which joins the transcript. */
  async type(user: string, text: string): Promise<string> {
    const requester = this.user(user);
    const conversation: ConversationRef = { platform: this.platform, space: this.space };
    const reply = await runCommand({ text, requester, conversation, replyTo: { conversation, requester } }, this.deps);
    await this.messenger.reply(conversation, reply.message, { visibility: reply.visibility, requester });
    return documentToText(reply.message);
  }

  /**
   * Presses the button labelled `label` on a posted message, as it reads now, as `user`; returns
   * what the core tells the presser alone (it joins the transcript as a private line), if anything.
   */
  async press(user: string, choice: MessageChoice, label: string): Promise<string | undefined> {
    const clicker = this.user(user);
    const message = this.message(choice);
    const button = buttonOf(message, label);
    const action = buttonActionOf(button.action);
    if (!action) throw new Error(`the core has no button ${button.action}`);
    const where: ConversationRef = {
      platform: this.platform,
      space: message.ref.space,
      ...(message.thread ? { thread: message.thread } : {}),
    };
    const click: ButtonClick = {
      value: button.value,
      clicker,
      where,
      message: message.ref,
      replyTo: { conversation: where, requester: clicker },
    };
    const answer = await runButton(action, click, this.deps);
    if (!answer) return undefined;
    await this.messenger.tellPrivately(where, clicker, answer);
    return documentToText(answer);
  }

  /** A posted message as it reads now. */
  message(choice: MessageChoice): TextMessage {
    const posted = [...this.messenger.messages.values()];
    const found =
      typeof choice === 'number'
        ? posted[choice]
        : this.messenger.messages.get(typeof choice === 'string' ? choice : choice.message);
    if (!found) throw new Error(`no posted message ${JSON.stringify(choice)} (${posted.length} posted)`);
    return found;
  }

  private user(name: string): PrincipalId {
    return principalId(this.platform, name);
  }
}

function buttonOf(message: TextMessage, label: string): Button {
  const buttons = message.document.blocks.flatMap((block) => (block.type === 'buttons' ? block.buttons : []));
  const button = buttons.find((b) => b.label === label);
  if (!button) {
    const shown = buttons.map((b) => b.label).join(', ') || 'none';
    throw new Error(`no button "${label}" on ${message.ref.message} (buttons: ${shown})`);
  }
  return button;
}
