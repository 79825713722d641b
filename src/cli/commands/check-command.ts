import { Command } from 'commander';
import { CheckOptions, checkOptionsSchema, VPC_SC_VALUES } from '../../check/check-options';
import { evaluateRules } from '../../check/evaluate-rules';
import { gatherFacts, validateCheckInput } from '../../check/gather-facts';
import { Config, loadConfig } from '../../config';
import { buildGatherDeps } from '../../check/build-gather-deps';
import { CliIo, EXIT } from '../cli-io';
import { renderCheckText } from '../render/check-text';
import { parseOrUsage } from '../parse-or-usage';
import { helpExamples } from '../help-examples';

/** Shown under `imagestream check --help`; test/help-examples.test.ts parses each one. */
const CHECK_EXAMPLES = [
  'imagestream check us-east1-docker.pkg.dev/acme-prod/web/frontend:v5 --cluster prod-1 --location us-east1 --project acme-prod',
  'imagestream check us-east1-docker.pkg.dev/acme-prod/web/frontend:v5 --manifest manifest.json --config config.json --gke-version 1.27.3-gke.100 --node-location us-east1-b',
];

/** `imagestream check IMAGE [flags]`: will this image be streamed on that cluster, and if not, why. */
export function checkCommand(io: CliIo, setExit: (code: number) => void, run: RunCheck = runCheck): Command {
  return new Command('check')
    .description('Tell whether an image will be streamed on a cluster, every reason if not, and the fixes')
    .argument('<image>', 'HOST/PATH[:TAG][@sha256:DIGEST], e.g. us-east1-docker.pkg.dev/acme-prod/web/frontend:v5')
    .option('--cluster <name>', 'read the facts of this GKE cluster from the Google APIs')
    .option('--location <location>', 'cluster location (region or zone); default IMAGESTREAM_DEFAULT_LOCATION')
    .option('--project <id>', 'cluster project; default GOOGLE_CLOUD_PROJECT')
    .option('--pool <name>', 'check this node pool only (default: every pool)')
    .option('--gke-version <version>', "the nodes' GKE version, MAJOR.MINOR.PATCH-gke.BUILD")
    .option('--created-version <version>', 'the GKE version an Autopilot cluster was created at')
    .option('--node-location <location>', "the nodes' zone or region, e.g. us-east1-b")
    .option('--image-type <type>', 'node image type, e.g. COS_CONTAINERD')
    .option('--autopilot', 'the cluster is Autopilot')
    .option('--no-autopilot', 'the cluster is Standard')
    .option('--private-nodes', 'the nodes are private')
    .option('--no-private-nodes', 'the nodes are not private')
    .option('--private-google-access', "Private Google Access is on for the nodes' subnet")
    .option('--no-private-google-access', "Private Google Access is off for the nodes' subnet")
    .option('--cmek', 'the repository is encrypted with a customer-managed key')
    .option('--no-cmek', 'the repository uses Google-managed encryption')
    .option('--service-account <email>', 'the nodes\' service account, or "default"')
    .option('--pull-secret', 'the workload pulls with an image pull secret')
    .option('--no-pull-secret', 'the workload uses no image pull secret')
    .option('--file-caps', 'the container relies on Linux file capabilities (e.g. CAP_NET_RAW)')
    .option('--no-file-caps', 'the container uses no file capabilities')
    .option('--vpc-sc <state>', `VPC Service Controls around the images: ${VPC_SC_VALUES.join('|')}`)
    .option(
      '--platform <os/arch>',
      "the nodes' platform for multi-platform images; default IMAGESTREAM_PLATFORM (linux/amd64)",
    )
    .option('--manifest <file>', 'the image manifest, as `skopeo inspect --raw` prints it (instead of the registry)')
    .option('--config <file>', 'the image config blob, as `skopeo inspect --raw --config` prints it')
    .option('--no-registry', 'do not contact the registry (manifest rules are skipped unless --manifest)')
    .option('--verbose', 'list passing rules too')
    .option('--json', 'print JSON: {image, verdict, rules: [{id, status, reason, fix}], notes}')
    .addHelpText('after', helpExamples(CHECK_EXAMPLES))
    .action(async (image: string, raw: Record<string, unknown>) => {
      const { json, verbose, ...rest } = raw;
      const options = parseOrUsage(checkOptionsSchema, { image, ...rest });
      const config = loadConfig(io.env);
      // Every typed value is checked here, so a mistake is a usage error before anything remote runs.
      validateCheckInput(options, {
        defaultProject: config.GOOGLE_CLOUD_PROJECT,
        defaultLocation: config.IMAGESTREAM_DEFAULT_LOCATION,
        defaultPlatform: config.IMAGESTREAM_PLATFORM,
      });
      setExit(await run(options, { json: Boolean(json), verbose: Boolean(verbose) }, config, io));
    });
}

/** How the report is printed. */
export interface CheckOutput {
  json: boolean;
  verbose: boolean;
}

/** What `check` does with valid input; returns the exit code. */
export type RunCheck = (options: CheckOptions, output: CheckOutput, config: Config, io: CliIo) => Promise<number>;

/** Reads the facts (Google APIs, the registry, the files given), evaluates the rules and prints the report. */
export const runCheck: RunCheck = async (options, output, config, io) => {
  // The report says only that the registry was refused or unreachable, as the bot's does; the
  // terminal's user is the operator, so why goes to stderr (the bot logs it).
  const deps = buildGatherDeps(config, io.readFile, undefined, (_image, detail) =>
    io.stderr(`imagestream: registry: ${detail.replace(/\s+/g, ' ')}\n`),
  );
  const facts = await gatherFacts(options, deps);
  const report = evaluateRules(facts);
  if (output.json) {
    io.stdout(
      JSON.stringify({
        image: report.image,
        verdict: report.verdict,
        rules: report.rules.map(({ id, status, reason, fix }) => ({ id, status, reason, fix })),
        notes: report.notes,
      }) + '\n',
    );
  } else {
    io.stdout(renderCheckText(report, output.verbose));
  }
  return report.verdict === 'eligible' ? EXIT.ok : report.verdict === 'unknown' ? EXIT.unknown : EXIT.failed;
};
