import { UsageError } from '../errors';
import { projectIdSchema } from '../google/cluster-target';
import { parseOrUsage } from '../validation/parse-or-usage';
import { CommandDefaults, projectOrDefault } from './command-defaults';
import { parseCommandArgs } from './command-text';

/** What `setup-alerts` acts on, and whether it only prints the gcloud commands. */
export interface SetupAlertsArgs {
  project: string;
  print: boolean;
}

/** `setup-alerts [--print] [--project P]`. */
export function parseSetupAlertsArgs(args: string[], defaults: CommandDefaults): SetupAlertsArgs {
  const { positionals, values } = parseCommandArgs(args, { project: { type: 'string' }, print: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]!.slice(0, 40)}"`);
  const project = projectOrDefault(values.project as string | undefined, defaults);
  return {
    project: parseOrUsage(projectIdSchema, project, () => `invalid --project "${project.slice(0, 40)}"`),
    print: values.print === true,
  };
}
