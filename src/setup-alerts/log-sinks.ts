import type { Logging } from '@google-cloud/logging';
import { CALL_OPTIONS } from '../cloud-logging/cloud-logging-client';
import { withParsedErrorBody } from '../cloud-logging/library-error';

/** A log sink as Cloud Logging returns it (the fields setup-alerts reads). */
export interface LogSink {
  name?: string | null;
  destination?: string | null;
  filter?: string | null;
  writerIdentity?: string | null;
}

/** What setup-alerts creates a sink with. */
export interface NewSink {
  name: string;
  destination: string;
  filter: string;
}

// The library's generated config client (`logging.configService`), typed by what is called here:
// the library declares the property as the client's class rather than an instance.
interface ConfigService {
  createSink(
    request: { parent: string; sink: NewSink; uniqueWriterIdentity: boolean },
    options: typeof CALL_OPTIONS,
  ): Promise<[LogSink, ...unknown[]]>;
  getSink(request: { sinkName: string }, options: typeof CALL_OPTIONS): Promise<[LogSink, ...unknown[]]>;
}

/**
 * Creates a sink in `project` with its own writer identity (`POST /v2/projects/P/sinks?
 * uniqueWriterIdentity=true`). Through the library's config client rather than
 * `logging.sink(name).create()`, which creates in the client's own project: setup-alerts names
 * its project per command. A failure is thrown as a LoggingHttpError (409 when the sink exists).
 */
export async function createSink(logging: Logging, project: string, sink: NewSink): Promise<LogSink> {
  const [created] = await configService(logging)
    .createSink({ parent: `projects/${project}`, sink, uniqueWriterIdentity: true }, CALL_OPTIONS)
    .catch(rethrowParsed);
  return created;
}

/** Reads a sink back (`GET /v2/projects/P/sinks/S`), e.g. its writer identity. */
export async function getSink(logging: Logging, project: string, name: string): Promise<LogSink> {
  const [sink] = await configService(logging)
    .getSink({ sinkName: `projects/${project}/sinks/${name}` }, CALL_OPTIONS)
    .catch(rethrowParsed);
  return sink;
}

function configService(logging: Logging): ConfigService {
  return logging.configService as unknown as ConfigService;
}

function rethrowParsed(err: unknown): never {
  throw withParsedErrorBody(err);
}
