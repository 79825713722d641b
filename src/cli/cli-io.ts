/** The outside world of one CLI run: injected so tests run the CLI in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  readFile: (path: string) => Promise<string>;
  env: NodeJS.ProcessEnv;
}

/** Exit codes of the CLI contract. */
export const EXIT = {
  ok: 0,
  /** check: not eligible; classify: some line failed. */
  failed: 1,
  usage: 2,
  /** check: no rule fails but one that matters could not be read. */
  unknown: 3,
  /** A bug: something thrown that is neither a usage nor a remote error. */
  internal: 4,
} as const;
