import { UsageError } from '../errors';
import type { Messenger } from './messenger';
import { NoMessengerError } from './messenger-errors';

/** The messengers by platform name: a job answers through the one of its conversation's platform. */
export type Messengers = ReadonlyMap<string, Messenger>;

/** The messengers as a map by platform; UsageError when two serve one platform. */
export function messengers(...list: Messenger[]): Messengers {
  const map = new Map<string, Messenger>();
  for (const messenger of list) {
    if (map.has(messenger.platform)) throw new UsageError(`two messengers for ${messenger.platform}`);
    map.set(messenger.platform, messenger);
  }
  return map;
}

/** The messenger of `platform`; NoMessengerError when this worker has none. */
export function messengerFor(registry: Messengers, platform: string): Messenger {
  const messenger = registry.get(platform);
  if (!messenger) throw new NoMessengerError(platform);
  return messenger;
}
