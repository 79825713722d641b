import type { Subcommand } from '../../src/commands/catalogue';
import { audit } from './audit';
import { disable, enable } from './change';
import { check } from './check';
import { errors } from './errors';
import type { Executor } from './executor';
import { help } from './help';
import { memory } from './memory';
import { pulls } from './pulls';
import { setupAlerts } from './setup-alerts';
import { status } from './status';
import { verify } from './verify';

/** What every subcommand of the catalogue does: the compiler refuses a missing one. */
export const EXECUTORS: { readonly [N in Subcommand]: Executor<N> } = {
  help,
  status,
  check,
  memory,
  enable,
  disable,
  verify,
  errors,
  pulls,
  'setup-alerts': setupAlerts,
  audit,
};
