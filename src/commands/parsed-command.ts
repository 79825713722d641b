import type { Since } from '../cloud-logging/gcfsd-filter';
import type { AnyLocationClusterTarget, ClusterTarget } from '../google/cluster-target';
import type { MemoryTarget } from '../memory/parse-memory-target';
import type { Subcommand } from './catalogue';
import type { ChatCheckOptions } from './parse-check-args';
import type { PullsArgs } from './parse-pulls-args';

/** A command as typed, validated and with its defaults applied: one shape per subcommand. */
export type ParsedCommand =
  | { name: 'help' }
  | { name: 'status'; target: ClusterTarget }
  | { name: 'check'; options: ChatCheckOptions }
  | { name: 'memory'; target: MemoryTarget }
  | { name: 'enable'; target: ClusterTarget }
  | { name: 'disable'; target: ClusterTarget }
  | { name: 'verify'; target: ClusterTarget }
  | { name: 'errors'; target: AnyLocationClusterTarget; since: Since }
  | ({ name: 'pulls' } & PullsArgs)
  | { name: 'setup-alerts'; project: string; print: boolean }
  | { name: 'audit'; count: number };

/** The parsed form of one subcommand. */
export type ParsedCommandOf<N extends Subcommand> = Extract<ParsedCommand, { name: N }>;
