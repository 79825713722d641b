/**
 * STUB (the sim helper's, so playground/main.ts type-checks before the web chat lands): the
 * contract's exports only. The lead takes the real adapters/web/index.ts at merge.
 */
import type { PlatformPlugin } from '../../src/app/platform-plugin';

/** The web chat: one platform plugin (`web`), space `playground`. */
export interface WebChat {
  plugin: PlatformPlugin;
}

/** Options of the web chat. */
export interface WebChatOptions {
  perSpaceIntervalMs?: number;
  now?: () => number;
}

/** STUB: a plugin that routes alerts to the playground space and serves nothing. */
export function createWebChat(_options: WebChatOptions = {}): WebChat {
  return { plugin: { platform: 'web', alertRoutes: () => [{ platform: 'web', space: 'playground' }] } };
}
