/**
 * Off Google Cloud, Google's auth library probes the metadata server for credentials, and on some
 * failures (a reset, a DNS error) it emits a MetadataLookupWarning, which Node prints to stderr
 * as two lines with a `--trace-warnings` hint. The CLI already reports missing credentials in its
 * own words, so that warning is dropped; every other warning still goes to Node's own printer.
 * (Setting METADATA_SERVER_DETECTION=none instead would break credentials on GCE and Cloud Shell.)
 */
export function muteMetadataLookupWarning(proc: NodeJS.Process = process): void {
  const printers = proc.listeners('warning') as Array<(warning: Error) => void>;
  proc.removeAllListeners('warning');
  proc.on('warning', (warning: Error) => {
    if (warning.name === 'MetadataLookupWarning') return;
    for (const print of printers) print.call(proc, warning);
  });
}
