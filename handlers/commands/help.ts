import { renderHelp } from '../../src/slack/render-help';
import { Subcommand } from './subcommand';

/** `/imagestream help`: every subcommand with an example. */
export const help: Subcommand = {
  name: 'help',
  handle: async () => ({ message: renderHelp(), responseType: 'ephemeral' }),
};
