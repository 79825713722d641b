import { audit } from './audit';
import { disable, enable } from './change';
import { check } from './check';
import { errors } from './errors';
import { setupAlerts } from './setup-alerts';
import { help } from './help';
import { memory } from './memory';
import { status } from './status';
import type { Subcommand as SubcommandName } from '../../src/slack/subcommand-usage';
import { Subcommand } from './subcommand';
import { verify } from './verify';

/** The handler of every subcommand help lists: the compiler refuses a missing one. */
export const HANDLERS: Readonly<Record<SubcommandName, Subcommand>> = {
  help,
  status,
  check,
  memory,
  enable,
  disable,
  verify,
  errors,
  'setup-alerts': setupAlerts,
  audit,
};

/** The handler of a typed subcommand name, if there is one. */
export function handlerFor(name: string): Subcommand | undefined {
  return Object.prototype.hasOwnProperty.call(HANDLERS, name) ? HANDLERS[name as SubcommandName] : undefined;
}
