import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, describeConfig, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('fills the defaults from an empty environment', () => {
    const config = loadConfig({});
    expect(config.CONTAINER_API_ENDPOINT).toBe('https://container.googleapis.com/');
    expect(config.IMAGESTREAM_PLATFORM).toBe('linux/amd64');
    expect(config.IMAGESTREAM_HTTP_TIMEOUT_MS).toBe(15000);
    expect(config.GOOGLE_OAUTH_ACCESS_TOKEN).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ GOOGLE_CLOUD_PROJECT: '', IMAGESTREAM_REGISTRY_URL: '' }).GOOGLE_CLOUD_PROJECT).toBeUndefined();
  });

  it('names every bad key at once', () => {
    let error: unknown;
    try {
      loadConfig({
        COMPUTE_API_ENDPOINT: 'ftp://x',
        IMAGESTREAM_HTTP_TIMEOUT_MS: 'soon',
        IMAGESTREAM_PLATFORM: 'amd64',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['COMPUTE_API_ENDPOINT', 'IMAGESTREAM_HTTP_TIMEOUT_MS', 'IMAGESTREAM_PLATFORM']) {
      expect(problems).toContain(key);
    }
  });

  it('never echoes a secret value in its errors', () => {
    // The token has no format to break; a bad neighbour must not print it either.
    expect.assertions(1);
    try {
      loadConfig({ GOOGLE_OAUTH_ACCESS_TOKEN: 'ya29.secret', CONTAINER_API_ENDPOINT: 'nope' });
    } catch (err) {
      expect(String(err)).not.toContain('ya29.secret');
    }
  });
});

describe('describeConfig', () => {
  it('documents every key, in the schema and in the README', () => {
    const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    for (const { key, doc } of describeConfig()) {
      expect(doc.length).toBeGreaterThan(10);
      expect(readme).toContain(`\`${key}\``);
    }
  });
});
