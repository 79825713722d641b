import { compareGkeVersions, isAtLeast, parseGkeVersion, tryParseGkeVersion } from '../../src/versions/gke-version';
import { UsageError } from '../../src/errors';

describe('parseGkeVersion', () => {
  it('parses every field as a number', () => {
    expect(parseGkeVersion('1.27.3-gke.100')).toMatchObject({ major: 1, minor: 27, patch: 3, build: 100 });
    expect(parseGkeVersion(' 1.28.1-gke.1157000 ').raw).toBe('1.28.1-gke.1157000');
  });

  it.each([
    '1.27.3',
    '1.27-gke.100',
    'v1.27.3-gke.100',
    '1.27.3-gke.',
    '1.27.3-gke.1a',
    '',
    '1.27.3-GKE.100x',
    '1..3-gke.1',
  ])('rejects %p with a message that shows the expected form', (text) => {
    expect(() => parseGkeVersion(text)).toThrow(UsageError);
    expect(() => parseGkeVersion(text)).toThrow(/MAJOR\.MINOR\.PATCH-gke\.BUILD/);
  });

  it('tryParse returns undefined instead of throwing', () => {
    expect(tryParseGkeVersion('1.29.1-gke.1589018')?.minor).toBe(29);
    expect(tryParseGkeVersion('latest')).toBeUndefined();
    expect(tryParseGkeVersion(undefined)).toBeUndefined();
  });
});

describe('compareGkeVersions', () => {
  const v = parseGkeVersion;
  it('compares numerically, not as text', () => {
    expect(compareGkeVersions(v('1.9.0-gke.1'), v('1.10.0-gke.1'))).toBeLessThan(0);
    expect(compareGkeVersions(v('1.27.10-gke.1'), v('1.27.9-gke.1'))).toBeGreaterThan(0);
    expect(compareGkeVersions(v('1.27.6-gke.99'), v('1.27.6-gke.100'))).toBeLessThan(0);
  });
  it('compares BUILD last', () => {
    expect(compareGkeVersions(v('1.27.7-gke.1'), v('1.27.6-gke.1000000'))).toBeGreaterThan(0);
    expect(compareGkeVersions(v('1.27.6-gke.100'), v('1.27.6-gke.100'))).toBe(0);
    expect(isAtLeast(v('1.27.6-gke.100'), v('1.27.6-gke.100'))).toBe(true);
  });
});
