import { ConfigError, loadBotConfig } from '../../src/config';

/** The problems loadBotConfig reports for `env`, one a line; fails the test when it loads or throws anything else. */
export function configProblems(env: NodeJS.ProcessEnv): string {
  try {
    loadBotConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.join('\n');
  }
  throw new Error('expected a ConfigError');
}
