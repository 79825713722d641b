/** `npm run bench`: every benchmark, one JSON line of figures each. Figures are printed, never asserted. */
import { benchAckLatency } from './ack-latency';
import { benchApprovalToApi } from './approval-to-api';
import { benchAlertStorm } from './alert-storm';

process.env.METADATA_SERVER_DETECTION = 'none';

async function main(): Promise<void> {
  console.log(
    JSON.stringify({
      machine: { node: process.version, cpus: require('node:os').cpus().length, platform: process.platform },
    }),
  );
  await benchAckLatency();
  await benchApprovalToApi();
  await benchAlertStorm();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
