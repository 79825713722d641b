import { UsageError } from '../errors';

/** What a command may leave out, from the bot's configuration (GOOGLE_CLOUD_PROJECT, IMAGESTREAM_DEFAULT_LOCATION). */
export interface CommandDefaults {
  project?: string;
  location?: string;
}

/** `--project`, else the configured default; a UsageError when there is neither. */
export function projectOrDefault(given: string | undefined, defaults: CommandDefaults): string {
  const project = given ?? defaults.project;
  if (!project) throw new UsageError('missing --project (no default project is configured)');
  return project;
}

/** `--location`, else the configured default; a UsageError when there is neither. */
export function locationOrDefault(given: string | undefined, defaults: CommandDefaults): string {
  const location = given ?? defaults.location;
  if (!location) throw new UsageError('missing --location (no default location is configured)');
  return location;
}
