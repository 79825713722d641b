import { Fact, known, unknownFact } from '../facts/fact';
import { GkeVersion, tryParseGkeVersion } from '../versions/gke-version';

/** A version read from a GKE API field; absent or unparsable text becomes an unknown saying so. */
export function gkeVersionFact(text: string | null | undefined, field: string): Fact<GkeVersion> {
  const source = `GKE API ${field}`;
  if (!text) return unknownFact(`${source} is absent`);
  const version = tryParseGkeVersion(text);
  if (!version)
    return unknownFact(`${source} "${text.slice(0, 60)}" is not a GKE version (MAJOR.MINOR.PATCH-gke.BUILD)`);
  return known(version, source);
}
