import { helpMessage } from '../../src/render/help-message';
import type { Executor } from './executor';

/** `help`: every subcommand with an example. */
export const help: Executor<'help'> = async () => ({ message: helpMessage(), visibility: 'private' });
