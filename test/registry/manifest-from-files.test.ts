import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../src/errors';
import { manifestFactsFromText } from '../../src/registry/manifest-from-files';
import { parsePlatform } from '../../src/registry/platform';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/registry', name), 'utf8');
const EMPTY_LAYER = 'sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4';
const EMPTY_TAR_DIFF_ID = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('manifestFactsFromText (--manifest / --config files)', () => {
  it('reads a Docker schema 2 manifest and its config', () => {
    const facts = manifestFactsFromText(fixture('docker-manifest.json'), fixture('docker-config.json'));
    expect(facts).toEqual({
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      schemaVersion: 2,
      layers: [
        'sha256:6dc8a833e5ef0d118a0b569cd797412f178bcc20419ebb5fd8586916ddaf320d',
        'sha256:285778699a0b47e421550294aa5a888b5cbaed1c6d71675aec9531b23e06c3fc',
        EMPTY_LAYER,
      ],
      configDigest: 'sha256:6e56da9455da3c92a20a30f1a1acffe7f4d88faf836c8053a1aeb0e89468f629',
      diffIds: [
        'sha256:cc933bffbc0058314415457b3b6ca41bba0187337d3dcc6446d171ec75f965b6',
        'sha256:e9ac9d828c1db580f85d7c54738a56f84adaf259596219e6b060af25475e202c',
        EMPTY_TAR_DIFF_ID,
      ],
    });
  });

  it('reads an OCI manifest without a config (no diff IDs then)', () => {
    const facts = manifestFactsFromText(fixture('oci-manifest.json'));
    expect(facts.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(facts.layers).toEqual([
      'sha256:6dc8a833e5ef0d118a0b569cd797412f178bcc20419ebb5fd8586916ddaf320d',
      'sha256:c5aed9532d875dcbd5216dc79e9a95c91c88ffc494e6498b767b1f20af0cd400',
    ]);
    expect(facts.diffIds).toBeUndefined();
  });

  it('accepts a config file with a trailing newline', () => {
    const facts = manifestFactsFromText(fixture('oci-manifest.json'), fixture('oci-config.json') + '\n');
    expect(facts.diffIds).toHaveLength(2);
  });

  it('recognises signed schema 1 and lists its layers base first, empty layer included', () => {
    const facts = manifestFactsFromText(fixture('schema1-manifest.json'));
    expect(facts).toEqual({
      mediaType: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
      schemaVersion: 1,
      layers: [
        'sha256:7ea62029452c9a55e234978138aade5f8323dcce2cc0c2583f2237e200e52c94',
        EMPTY_LAYER,
        'sha256:fa513398f5a6c452401c950be94353d28a200669385cb5efade69b53edbc284b',
      ],
    });
  });

  it('refuses an index and says which platform manifest to pass instead', () => {
    const err = usageError(() =>
      manifestFactsFromText(fixture('oci-index.json'), undefined, parsePlatform('linux/arm64')),
    );
    expect(err.message).toMatch(
      /^--manifest is a multi-platform index of 2 platforms \(linux\/amd64, linux\/arm64\/v8\)/,
    );
    expect(err.message).toContain('skopeo inspect --raw docker://IMAGE@DIGEST');
    expect(err.message).toContain(
      'the linux/arm64 entry is sha256:13436df1906880c4fde88c602d45cfa41b150afb947338eee057d45dcab63a9b',
    );
  });

  it('names the file when it is not JSON', () => {
    expect(usageError(() => manifestFactsFromText(fixture('not-json.txt'))).message).toMatch(
      /^--manifest is not JSON: /,
    );
    const err = usageError(() => manifestFactsFromText(fixture('oci-manifest.json'), '{"rootfs": '));
    // The digest check comes first: a truncated config is not the manifest's config.
    expect(err.message).toMatch(/^--config is not the config of --manifest: the manifest names sha256:/);

    const notJson = 'not json';
    const manifest = JSON.stringify({
      schemaVersion: 2,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(notJson), size: notJson.length },
      layers: [],
    });
    expect(usageError(() => manifestFactsFromText(manifest, notJson)).message).toMatch(/^--config is not JSON: /);
  });

  it('says what is wrong with JSON that is not a manifest', () => {
    expect(
      usageError(() => manifestFactsFromText('{"schemaVersion": 2, "layers": [{"digest": "x"}]}')).message,
    ).toMatch(/^--manifest is not a valid image manifest: .*layers\.0\.digest/);
    expect(usageError(() => manifestFactsFromText('[]')).message).toBe('--manifest is not a JSON object');
    expect(usageError(() => manifestFactsFromText('{"schemaVersion": 3}')).message).toMatch(
      /schemaVersion 3, expected 1 or 2/,
    );
  });

  it('refuses a --config next to a schema 1 manifest, which has none', () => {
    expect(
      usageError(() => manifestFactsFromText(fixture('schema1-manifest.json'), fixture('oci-config.json'))).message,
    ).toMatch(/schema 1 manifest, which has no config/);
  });
});
