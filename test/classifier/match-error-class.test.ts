import { matchErrorClass } from '../../src/classifier/match-error-class';

const node = { applicationLog: false };
const app = { applicationLog: true };

describe('matchErrorClass', () => {
  it.each([
    ['code = PermissionDenied desc = x', 'permission_denied'],
    ['code=PermissionDenied', 'permission_denied'],
    ['CODE  :  permission_denied', 'permission_denied'],
    ['{"code": "PERMISSION_DENIED"}', 'permission_denied'],
    ['Request  had insufficient\tauthentication scopes.', 'permission_denied'],
    ['code = ResourceExhausted', 'quota_exceeded'],
    ['code=RESOURCE_EXHAUSTED', 'quota_exceeded'],
    ["QUOTA exceeded for quota  metric 'x'", 'quota_exceeded'],
    ['code = FailedPrecondition', 'failed_precondition'],
    ['code=failedprecondition', 'failed_precondition'],
    ['code = FAILED_PRECONDITION', 'failed_precondition'],
    ['code=InvalidArgument', 'invalid_argument'],
    ['code =  invalid_argument desc', 'invalid_argument'],
  ] as const)('classifies %p as %s', (text, expected) => {
    expect(matchErrorClass(text, node)).toBe(expected);
  });

  it.each([
    'decode = InvalidArgument', // a longer word ending in "code"
    'mode=FailedPrecondition',
    'code = PermissionDeniedLater',
    'codes = ResourceExhausted',
    'level=info msg="Layer cache size" module=gcfs_backend',
    'permission denied', // the plain words, no gRPC code
    '',
  ])('does not classify %p', (text) => {
    expect(matchErrorClass(text, node)).toBe('none');
  });

  describe('precedence when several classes match', () => {
    it('puts permission_denied before quota, whatever the order in the text', () => {
      expect(matchErrorClass('code = ResourceExhausted: code = PermissionDenied', node)).toBe('permission_denied');
      expect(matchErrorClass('code = PermissionDenied: code = ResourceExhausted', node)).toBe('permission_denied');
    });
    it('puts quota before invalid_argument and invalid_argument before failed_precondition', () => {
      expect(matchErrorClass('code=InvalidArgument; code = ResourceExhausted', node)).toBe('quota_exceeded');
      expect(matchErrorClass('code=FailedPrecondition; code=InvalidArgument', node)).toBe('invalid_argument');
    });
    it('puts every gcfsd code before symlink_rename', () => {
      expect(matchErrorClass('code = FailedPrecondition; rename a b: no such device or address', node)).toBe(
        'failed_precondition',
      );
    });
  });

  describe('symlink_rename', () => {
    it.each([
      "mv: cannot move 'a' to 'b': No such device or address",
      'renameat2(AT_FDCWD, "a", AT_FDCWD, "b", RENAME_NOREPLACE) = -1 ENXIO (No such device or address)',
      'rename /srv/link /srv/link.bak: no  such device or address',
      "OSError: [Errno 6] No such device or address: '/a' -> '/b'",
      'java.nio.file.FileSystemException: /a -> /b: No such device or address',
    ])('matches %p', (text) => {
      expect(matchErrorClass(text, app)).toBe('symlink_rename');
    });

    it('needs both the ENXIO text and a rename', () => {
      expect(matchErrorClass('open /dev/ttyS0: no such device or address', app)).toBe('none');
      expect(matchErrorClass("mv: cannot move 'a' to 'b': Permission denied", app)).toBe('none');
    });
  });

  it("ignores gRPC codes in an application's own log (they are not gcfsd's)", () => {
    expect(matchErrorClass('rpc error: code = PermissionDenied desc = secret access denied', app)).toBe('none');
    expect(matchErrorClass('code = ResourceExhausted', app)).toBe('none');
  });
});
