import { manifestReference, parseImageRef } from '../../src/images/image-ref';
import { parseArtifactRegistryImage } from '../../src/images/artifact-registry';

describe('parseImageRef', () => {
  it('parses host, path and tag', () => {
    const ref = parseImageRef('us-east1-docker.pkg.dev/acme/web/frontend:v5');
    expect(ref).toMatchObject({ host: 'us-east1-docker.pkg.dev', path: 'acme/web/frontend', tag: 'v5' });
    expect(manifestReference(ref)).toBe('v5');
  });

  it('defaults the tag to latest and prefers the digest when pinned', () => {
    expect(parseImageRef('us-docker.pkg.dev/p/r/i').tag).toBe('latest');
    const d = 'sha256:' + 'a'.repeat(64);
    const pinned = parseImageRef(`us-docker.pkg.dev/p/r/i:1.0@${d}`);
    expect(pinned.tag).toBe('1.0');
    expect(manifestReference(pinned)).toBe(d);
  });

  it('accepts a host with a port', () => {
    expect(parseImageRef('127.0.0.1:5000/acme/app:1').host).toBe('127.0.0.1:5000');
  });

  it.each([
    ['', /empty/],
    ['nginx', /no registry host/],
    ['docker.io/Library/Nginx', /lowercase/],
    ['gcr.io/p/i:bad tag', /not a valid tag/],
    ['gcr.io/p/i@sha256:short', /digest/],
    ['library/nginx:1', /not a registry host/],
  ])('rejects %p', (input, why) => {
    expect(() => parseImageRef(input)).toThrow(why);
  });
});

describe('parseArtifactRegistryImage', () => {
  it('recognises a regional repository', () => {
    expect(parseArtifactRegistryImage(parseImageRef('us-east1-docker.pkg.dev/acme/web/team/frontend:v5'))).toEqual({
      location: 'us-east1',
      project: 'acme',
      repository: 'web',
      image: 'team/frontend',
    });
  });
  it('recognises multi-regions', () => {
    expect(parseArtifactRegistryImage(parseImageRef('europe-docker.pkg.dev/p/r/i'))?.location).toBe('europe');
    expect(parseArtifactRegistryImage(parseImageRef('northamerica-northeast1-docker.pkg.dev/p/r/i'))?.location).toBe(
      'northamerica-northeast1',
    );
  });
  it('rejects other registries and short paths', () => {
    expect(parseArtifactRegistryImage(parseImageRef('gcr.io/acme/frontend:v5'))).toBeUndefined();
    expect(parseArtifactRegistryImage(parseImageRef('docker.io/library/nginx'))).toBeUndefined();
    expect(parseArtifactRegistryImage(parseImageRef('us-docker.pkg.dev/acme/frontend'))).toBeUndefined();
  });
});
