import { UsageError } from '../../src/errors';
import { DEFAULT_PLATFORM, formatPlatform, parsePlatform, platformMatches } from '../../src/registry/platform';

describe('parsePlatform', () => {
  it('parses OS/ARCH and OS/ARCH/VARIANT', () => {
    expect(parsePlatform('linux/amd64')).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(parsePlatform(' Linux/ARM64/v8 ')).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    expect(DEFAULT_PLATFORM).toEqual({ os: 'linux', architecture: 'amd64' });
  });

  it.each(['', 'amd64', 'linux/', 'linux/amd64/v8/x', 'linux amd64', 'linux/$(id)'])('rejects %p', (text) => {
    expect(() => parsePlatform(text)).toThrow(UsageError);
    expect(() => parsePlatform(text)).toThrow(/expected OS\/ARCH\[\/VARIANT\], e\.g\. linux\/amd64/);
  });
});

describe('platformMatches', () => {
  const arm64v8 = { os: 'linux', architecture: 'arm64', variant: 'v8' };
  it('ignores the entry variant unless one is asked for', () => {
    expect(platformMatches(parsePlatform('linux/arm64'), arm64v8)).toBe(true);
    expect(platformMatches(parsePlatform('linux/arm/v7'), { os: 'linux', architecture: 'arm', variant: 'v6' })).toBe(
      false,
    );
  });

  it('treats arm64 and arm64/v8 as the same platform', () => {
    expect(platformMatches(parsePlatform('linux/arm64/v8'), { os: 'linux', architecture: 'arm64' })).toBe(true);
    expect(formatPlatform(arm64v8)).toBe('linux/arm64/v8');
  });

  it('never matches another architecture or OS', () => {
    expect(platformMatches(DEFAULT_PLATFORM, arm64v8)).toBe(false);
    expect(platformMatches(DEFAULT_PLATFORM, { os: 'windows', architecture: 'amd64' })).toBe(false);
  });
});
