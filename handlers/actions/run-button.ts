import type { MessageDocument } from '../../src/chat/message-document';
import type { WebDeps } from '../web-deps';
import type { ButtonClick } from './button-click';
import { decideRequest } from './decide-request';
import { fixAlert } from './fix-alert';
import type { ButtonAction } from './index';
import { muteAlert } from './mute-alert';

/**
 * The one path of every button click, for every platform: the adapter has acked it and found its
 * action in the catalogue (./index.ts); the action's core does the work. Returns what to tell the
 * clicker privately, if anything; never throws.
 */
export function runButton(
  action: ButtonAction,
  click: ButtonClick,
  deps: WebDeps,
): Promise<MessageDocument | undefined> {
  switch (action.kind) {
    case 'decide':
      return decideRequest({ ...click, decision: action.decision }, deps);
    case 'fix':
      return fixAlert({ ...click, fix: action.fix }, deps);
    case 'mute':
      return muteAlert({ ...click, hours: action.hours }, deps);
    case 'link':
      return Promise.resolve(undefined);
  }
}
