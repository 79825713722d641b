import { Rule, fail, need, pass } from './rule';

/** Limitation: images with a Docker V2 schema 1 manifest are never eligible. */
export const schema1: Rule = {
  id: 'schema1',
  scope: 'cluster',
  evaluate({ facts }) {
    const manifest = need(facts.manifest, 'image manifest', ['--manifest', 'registry access']);
    if (!manifest.ok) return manifest.outcome;
    if (manifest.value.schemaVersion === 2) return pass(`manifest is ${manifest.value.mediaType}`);
    return fail(
      'the image has a Docker V2 schema 1 manifest, which is never eligible for image streaming',
      'rebuild and push the image with a current client so that it has a Docker schema 2 or OCI manifest',
    );
  },
};
