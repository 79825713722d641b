import { Rule, fail, need, pass } from './rule';

/** The gzip of an empty tar, as a manifest layer digest. */
export const EMPTY_LAYER_DIGEST = 'sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4';
/** The empty tar itself, as a config `rootfs.diff_ids` entry. */
export const EMPTY_TAR_DIFF_ID = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';

/** Limitation: an image containing the empty layer is flagged as not eligible. */
export const emptyLayer: Rule = {
  id: 'empty-layer',
  scope: 'cluster',
  evaluate({ facts }) {
    const manifest = need(facts.manifest, 'image manifest', ['--manifest', 'registry access']);
    if (!manifest.ok) return manifest.outcome;
    const inLayers = manifest.value.layers.includes(EMPTY_LAYER_DIGEST);
    const inDiffIds = (manifest.value.diffIds ?? []).includes(EMPTY_TAR_DIFF_ID);
    if (!inLayers && !inDiffIds) {
      return pass(
        manifest.value.diffIds ? 'no empty layer' : 'no empty layer among the manifest layers (config not read)',
      );
    }
    return fail(
      `the image contains the empty layer (${inLayers ? EMPTY_LAYER_DIGEST.slice(0, 19) : EMPTY_TAR_DIFF_ID.slice(0, 19) + ' diff ID'}), which makes it not eligible`,
      'rebuild the image without empty layers (e.g. squash or drop steps that add no files), then check `docker inspect IMAGE` shows no a3ed95... layer',
    );
  },
};
