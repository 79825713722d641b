/** The bot's one slash command (slack-manifest.yaml). */
export const COMMAND = '/imagestream';

// The catalogue itself is the core's (src/commands/catalogue.ts): re-exported for the Slack files that read it here.
export { SUBCOMMANDS, SUBCOMMAND_USAGE, isSubcommand } from '../../../src/commands/catalogue';
export type { Subcommand, SubcommandUsage } from '../../../src/commands/catalogue';
