/** Which Redis the playground uses: REDIS_URL, else a redis-server it starts, else how to install one. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findOnPath, INSTALL_REDIS_MESSAGE, redisPlan } from '../../playground/redis-plan';

describe('redisPlan', () => {
  it('uses REDIS_URL when set, even with redis-server installed', () => {
    expect(redisPlan({ REDIS_URL: 'redis://10.0.0.5:6379' }, '/usr/bin/redis-server')).toEqual({
      kind: 'url',
      url: 'redis://10.0.0.5:6379',
    });
  });

  it('starts the installed redis-server when REDIS_URL is unset or empty', () => {
    expect(redisPlan({}, '/usr/bin/redis-server')).toEqual({ kind: 'start', binary: '/usr/bin/redis-server' });
    expect(redisPlan({ REDIS_URL: ' ' }, '/opt/bin/redis-server')).toEqual({
      kind: 'start',
      binary: '/opt/bin/redis-server',
    });
  });

  it('says how to install one on Debian and macOS when there is neither', () => {
    const plan = redisPlan({}, undefined);
    expect(plan).toEqual({ kind: 'missing', message: INSTALL_REDIS_MESSAGE });
    expect(INSTALL_REDIS_MESSAGE).toContain('apt-get install redis-server');
    expect(INSTALL_REDIS_MESSAGE).toContain('brew install redis');
    expect(INSTALL_REDIS_MESSAGE).toContain('REDIS_URL');
  });
});

describe('findOnPath', () => {
  it('finds an executable file on PATH, and nothing else', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-path-'));
    try {
      const binary = path.join(dir, 'redis-server');
      fs.writeFileSync(binary, '#!/bin/sh\n', { mode: 0o755 });
      fs.writeFileSync(path.join(dir, 'not-executable'), '', { mode: 0o644 });
      fs.mkdirSync(path.join(dir, 'a-directory'), { mode: 0o755 });
      expect(findOnPath('redis-server', `/nonexistent${path.delimiter}${dir}`)).toBe(binary);
      expect(findOnPath('not-executable', dir)).toBeUndefined();
      expect(findOnPath('a-directory', dir)).toBeUndefined();
      expect(findOnPath('redis-server', '')).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
