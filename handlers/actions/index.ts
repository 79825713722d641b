import type { App } from '@slack/bolt';
import { APPROVE_ACTION_ID, DENY_ACTION_ID } from '../../src/slack/render-approval';
import type { WebDeps } from '../web-deps';
import { decideRequest } from './decide-request';

/** Registers the Approve and Deny buttons. */
export function registerActions(app: App, deps: WebDeps): void {
  app.action(APPROVE_ACTION_ID, decideRequest('approved', deps));
  app.action(DENY_ACTION_ID, decideRequest('denied', deps));
}
