/**
 * The start-up check of Redis's durability settings: the decision on its own, then against private
 * redis-servers run the way a careless production one would be (no persistence, evicting keys),
 * the way production must be, and with CONFIG refused (as Memorystore does).
 */
import { Redis } from 'ioredis';
import { createLogger } from '../../src/logging/logger';
import { checkRedisDurability, durabilityFindings } from '../../src/queue/redis-durability';
import { startHarness } from '../support/bot-harness';
import { AofRedis, startAofRedis } from '../support/redis-aof';

describe('durabilityFindings', () => {
  it('warns when neither AOF nor RDB snapshots are on', () => {
    const findings = durabilityFindings({
      source: 'config',
      appendonly: false,
      save: '',
      maxmemoryPolicy: 'noeviction',
    });
    expect(findings).toEqual([expect.objectContaining({ level: 'warn', setting: 'persistence' })]);
  });

  it('warns when the eviction policy is not noeviction', () => {
    const findings = durabilityFindings({
      source: 'config',
      appendonly: true,
      save: '',
      maxmemoryPolicy: 'allkeys-lru',
    });
    expect(findings).toEqual([
      expect.objectContaining({ level: 'warn', setting: 'maxmemory-policy', value: 'allkeys-lru' }),
    ]);
  });

  it('says nothing when AOF is on and nothing is evicted', () => {
    expect(durabilityFindings({ source: 'config', appendonly: true, save: '', maxmemoryPolicy: 'noeviction' })).toEqual(
      [],
    );
  });

  it('notes, without warning, that RDB snapshots alone lose the writes since the last one', () => {
    const findings = durabilityFindings({
      source: 'config',
      appendonly: false,
      save: '3600 1 300 100',
      maxmemoryPolicy: 'noeviction',
    });
    expect(findings).toEqual([expect.objectContaining({ level: 'info', setting: 'persistence' })]);
  });

  it('cannot tell from INFO whether RDB snapshots are on: says so without warning', () => {
    const findings = durabilityFindings({ source: 'info', appendonly: false, maxmemoryPolicy: 'noeviction' });
    expect(findings).toEqual([expect.objectContaining({ level: 'info', setting: 'persistence' })]);
  });
});

describe('checkRedisDurability against redis-server', () => {
  const servers: AofRedis[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  async function check(settings: string[]): Promise<Array<Record<string, unknown>>> {
    const server = await startAofRedis(settings);
    servers.push(server);
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({
      level: 'info',
      destination: { write: (l: string) => void lines.push(JSON.parse(l)) },
    });
    const redis = new Redis(server.url);
    try {
      await checkRedisDurability(redis, logger);
    } finally {
      redis.disconnect();
    }
    return lines;
  }
  const warnings = (lines: Array<Record<string, unknown>>) => lines.filter((l) => l.severity === 'WARNING');

  it('warns once for persistence off and once for an evicting policy', async () => {
    const lines = await check(['--appendonly', 'no', '--save', '', '--maxmemory-policy', 'allkeys-lru']);
    expect(warnings(lines).map((l) => l.setting)).toEqual(['persistence', 'maxmemory-policy']);
    expect(warnings(lines)[0]?.message).toMatch(/persistence is off/);
    expect(warnings(lines)[1]?.message).toMatch(/allkeys-lru.*noeviction/);
  }, 30_000);

  it('is silent for the settings production needs', async () => {
    const lines = await check(['--maxmemory-policy', 'noeviction']);
    expect(lines).toEqual([]);
  }, 30_000);

  it('falls back to INFO when CONFIG is refused, saying at info level that it could not check', async () => {
    const lines = await check([
      '--rename-command',
      'CONFIG',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'volatile-lru',
    ]);
    expect(lines.find((l) => /could not read/.test(String(l.message)))).toMatchObject({ severity: 'INFO' });
    expect(warnings(lines).map((l) => l.setting)).toEqual(['maxmemory-policy']);
  }, 30_000);
});

describe('the bot at start', () => {
  it('logs the warnings before serving', async () => {
    const server = await startAofRedis(['--appendonly', 'no', '--save', '', '--maxmemory-policy', 'allkeys-lru']);
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({
      level: 'info',
      destination: { write: (l: string) => void lines.push(JSON.parse(l)) },
    });
    const h = await startHarness({ REDIS_URL: server.url, IMAGESTREAM_ROLE: 'web' }, { logger });
    try {
      const warned = lines.filter((l) => l.severity === 'WARNING').map((l) => l.setting);
      expect(warned).toEqual(['persistence', 'maxmemory-policy']);
    } finally {
      await h.stop();
      await server.close();
    }
  }, 30_000);
});
