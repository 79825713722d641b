import type { WebDeps } from '../../handlers/web-deps';
import type { AlertRoutes } from '../alerts/alert-routes';
import type { ApproverDirectory } from '../chat/approver-directory';
import type { MessageRef } from '../chat/conversation-ref';
import type { Messenger } from '../chat/messenger';
import type { OutboxSender } from '../chat/outbox-sender';
import type { OpsRoute } from './ops-routes';

/**
 * A chat platform handed to the composition root by code rather than named by config: the
 * playground's web chat (playground/), which `npm start` never loads. It implements the same ports
 * as the Slack and Google Chat adapters; the roles wire each part where they wire theirs.
 */
export interface PlatformPlugin {
  readonly platform: string;
  /** Its approvers: one approver policy holds every platform's directory. */
  directory?: ApproverDirectory;
  /** How jobs answer on it (the worker's registry of messengers). */
  messenger?: Messenger & { close?(): void };
  /** How the alert outbox writes to it. */
  outboxSender?: OutboxSender;
  /** Its front door: HTTP routes served beside the probes, given the core's listener deps. */
  routes?(deps: WebDeps): OpsRoute[];
  /** Where alerts also go: its spaces have no syntax in the config's alert routes. */
  alertRoutes?: AlertRoutes;
  /** Whether a message id is one it issues (checked before an alert stores it). */
  messageIdFits?(ref: MessageRef): boolean;
}
