import { parseChallenge } from '../../src/registry/registry-challenge';

describe('parseChallenge', () => {
  it('reads realm, service and scope of a Bearer challenge', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      realm: 'https://auth.docker.io/token',
      service: 'registry.docker.io',
      scope: 'repository:library/nginx:pull',
    });
  });

  it("reads Artifact Registry's challenge, which has no service", () => {
    expect(parseChallenge('Bearer realm="https://us-docker.pkg.dev/v2/token"')).toEqual({
      scheme: 'bearer',
      realm: 'https://us-docker.pkg.dev/v2/token',
    });
  });

  it("reads gcr.io's unquoted service", () => {
    expect(parseChallenge('Bearer realm="https://gcr.io/v2/token",service=gcr.io')).toMatchObject({
      service: 'gcr.io',
    });
  });

  it('recognises Basic and ignores what it cannot answer', () => {
    expect(parseChallenge('Basic realm="Registry Realm"')).toEqual({ scheme: 'basic' });
    expect(parseChallenge('Negotiate')).toBeUndefined();
    expect(parseChallenge('Bearer service="x"')).toBeUndefined();
    expect(parseChallenge(null)).toBeUndefined();
  });
});
