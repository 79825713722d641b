/** The allow-list of projects and locations: its rule, what each job touches, and its config keys. */
import { AccessScope } from '../../src/access/access-scope';
import { checkJobScope, targetsOfJob } from '../../src/access/job-targets';
import { ConfigError, loadBotConfig } from '../../src/config';
import { readHomeState } from '../../adapters/slack/home/read-home-state';
import { parseImageRef } from '../../src/images/image-ref';
import { imageProjectOf } from '../../src/images/image-project';

const replyTo = { responseUrl: 'https://hooks.slack.com/x', userId: 'U0123ABC', channelId: 'C0123ABC' };

describe('AccessScope', () => {
  const scope = new AccessScope(['acme-prod', 'acme-dev'], ['europe-west1', 'us-central1-a']);

  it('allows listed projects and locations; a listed region allows its zones, a listed zone only itself', () => {
    expect(scope.refusal({ project: 'acme-prod', location: 'europe-west1' })).toBeUndefined();
    expect(scope.refusal({ project: 'acme-dev', location: 'europe-west1-b' })).toBeUndefined();
    expect(scope.refusal({ project: 'acme-dev', location: 'us-central1-a' })).toBeUndefined();
    expect(scope.refusal({ project: 'acme-dev', location: 'us-central1' })).toBe(
      'location us-central1 is not one this bot may touch; allowed: europe-west1, us-central1-a',
    );
    expect(scope.refusal({ project: 'acme-dev', location: 'us-central1-b' })).toMatch(/^location us-central1-b is not/);
  });

  it('refuses another project, naming the allowed ones', () => {
    expect(scope.refusal({ project: 'victim-proj', location: 'europe-west1' })).toBe(
      'project victim-proj is not one this bot may touch; allowed: acme-prod, acme-dev',
    );
    expect(() => scope.check({ project: 'victim-proj' })).toThrow(/victim-proj is not one this bot may touch/);
  });

  it('a project-level target ignores locations; "every location" is refused when locations are limited', () => {
    expect(scope.refusal({ project: 'acme-prod' })).toBeUndefined();
    expect(scope.refusal({ project: 'acme-prod', location: null })).toBe(
      'this bot may touch only clusters in europe-west1, us-central1-a: name the location with --location',
    );
  });

  it('empty lists restrict nothing (the default)', () => {
    const open = new AccessScope();
    expect(open.restrictsProjects).toBe(false);
    expect(open.refusal({ project: 'anything-at-all', location: null })).toBeUndefined();
  });
});

describe('imageProjectOf', () => {
  const project = (image: string) => imageProjectOf(parseImageRef(image));

  it('names the project of Artifact Registry and Container Registry images, which the bot reads with its token', () => {
    expect(project('europe-west1-docker.pkg.dev/victim-proj/repo/app:1')).toBe('victim-proj');
    expect(project('us-docker.pkg.dev/victim-proj/repo/team/app@sha256:' + 'a'.repeat(64))).toBe('victim-proj');
    expect(project('gcr.io/victim-proj/app:1')).toBe('victim-proj');
    expect(project('eu.gcr.io/victim-proj/team/app')).toBe('victim-proj');
  });

  it('cannot tell the project of a Google registry path too short to name one (refused when restricted)', () => {
    expect(project('europe-docker.pkg.dev/victim-proj/app:1')).toBeNull();
    expect(project('gcr.io/app:1')).toBeNull();
  });

  it('other registries get no token, so no project of ours is involved', () => {
    expect(project('docker.io/library/nginx:1')).toBeUndefined();
    expect(project('ghcr.io/acme/app:1')).toBeUndefined();
  });
});

describe('targetsOfJob', () => {
  const scope = new AccessScope(['acme-prod'], []);

  it('check covers the cluster and the image project', () => {
    const payload = {
      replyTo,
      options: {
        image: 'europe-docker.pkg.dev/other-proj/r/app:1',
        cluster: 'shop',
        project: 'acme-prod',
        location: 'europe-west1',
      },
    };
    expect(targetsOfJob('check', payload)).toEqual([
      { project: 'acme-prod', location: 'europe-west1' },
      { project: 'other-proj', what: 'project other-proj (of image europe-docker.pkg.dev/other-proj/r/app:1)' },
    ]);
    expect(() => checkJobScope(scope, 'check', payload)).toThrow(
      'project other-proj (of image europe-docker.pkg.dev/other-proj/r/app:1) is not one this bot may touch; allowed: acme-prod',
    );
    expect(() =>
      checkJobScope(scope, 'check', { replyTo, options: { image: 'europe-docker.pkg.dev/too-short:1' } }),
    ).toThrow(
      'the project of image europe-docker.pkg.dev/too-short:1 is not one this bot may touch; allowed: acme-prod',
    );
  });

  it('errors without a location covers every location of the project', () => {
    expect(targetsOfJob('errors', { replyTo, target: { project: 'acme-prod', cluster: 'shop' }, since: '1h' })).toEqual(
      [{ project: 'acme-prod', location: null }],
    );
  });
});

describe('the config keys', () => {
  const base = { SLACK_SIGNING_SECRET: 'x'.repeat(16), SLACK_BOT_TOKEN: 'xoxb-1' };
  const problems = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadBotConfig({ ...base, ...env });
      return [];
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
  };

  it('reads the lists', () => {
    const config = loadBotConfig({
      ...base,
      IMAGESTREAM_ALLOWED_PROJECTS: 'acme-prod, acme-dev',
      IMAGESTREAM_ALLOWED_LOCATIONS: 'europe-west1',
    });
    expect(config.IMAGESTREAM_ALLOWED_PROJECTS).toEqual(['acme-prod', 'acme-dev']);
    expect(config.IMAGESTREAM_ALLOWED_LOCATIONS).toEqual(['europe-west1']);
  });

  it('refuses what is not a project id or a location', () => {
    expect(problems({ IMAGESTREAM_ALLOWED_PROJECTS: 'acme-prod,Bad_Project' }).join('\n')).toMatch(
      /IMAGESTREAM_ALLOWED_PROJECTS.*must be a project id/,
    );
    expect(problems({ IMAGESTREAM_ALLOWED_LOCATIONS: 'mars' }).join('\n')).toMatch(
      /IMAGESTREAM_ALLOWED_LOCATIONS.*must be a region/,
    );
  });

  it('the Home projects, the default project and the default location must be inside the lists', () => {
    const found = problems({
      IMAGESTREAM_ALLOWED_PROJECTS: 'acme-prod',
      IMAGESTREAM_ALLOWED_LOCATIONS: 'europe-west1',
      GOOGLE_CLOUD_PROJECT: 'acme-prod',
      IMAGESTREAM_HOME_PROJECTS: 'acme-prod,victim-proj',
      IMAGESTREAM_DEFAULT_LOCATION: 'us-east1',
    });
    expect(found).toEqual([
      'IMAGESTREAM_HOME_PROJECTS: project victim-proj is not one this bot may touch; allowed: acme-prod',
      'IMAGESTREAM_DEFAULT_LOCATION: us-east1 is not in IMAGESTREAM_ALLOWED_LOCATIONS (europe-west1)',
    ]);
    expect(problems({ IMAGESTREAM_ALLOWED_PROJECTS: 'acme-prod', GOOGLE_CLOUD_PROJECT: 'acme-other' })).toEqual([
      'GOOGLE_CLOUD_PROJECT: project acme-other is not one this bot may touch; allowed: acme-prod',
    ]);
  });
});

describe('the App Home', () => {
  it('lists no cluster of a project outside the list, and says why', async () => {
    const listed: string[] = [];
    const state = await readHomeState({
      projects: ['acme-prod', 'victim-proj'],
      listClusters: async (project) => {
        listed.push(project);
        return { clusters: [], missingZones: [] };
      },
      approvals: { listPending: async () => [] },
      alerts: { listOpen: async () => [] },
      scope: new AccessScope(['acme-prod']),
      viewer: 'U0VIEWER01',
      logger: { warn: () => undefined },
      channelMembers: async () => new Set(),
    });
    expect(listed).toEqual(['acme-prod']);
    expect(state.projects.map((p) => [p.project, p.error])).toEqual([
      ['acme-prod', undefined],
      ['victim-proj', 'project victim-proj is not one this bot may touch; allowed: acme-prod'],
    ]);
  });
});
