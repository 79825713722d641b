/**
 * Loaded before every test file: no test may reach Google, Slack or anything off this machine.
 * - Google's auth library must never probe the metadata server.
 * - Any socket to a non-loopback address fails the test at once, loudly.
 */
import net from 'node:net';

process.env.METADATA_SERVER_DETECTION = 'none';
process.env.GOOGLE_CLOUD_PROJECT ??= 'test-project';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|0:0:0:0:0:0:0:1)$/;

// `net` is Node's own module, shared by every test file a Jest worker runs, while this file runs
// again in each file's sandbox. Wrapping whatever `connect` is now would chain one guard per file, and
// each guard keeps its file's whole sandbox (every module it loaded) alive: after some 60 files the
// worker took longer than Jest's 500 ms to exit ("A worker process has failed to exit gracefully").
// So the true original is kept once, under a process-wide key, and each file's guard replaces the last.
const ORIGINAL = Symbol.for('imagestream-bot.test.originalConnect');
type WithOriginal = typeof net.Socket.prototype & { [ORIGINAL]?: typeof net.Socket.prototype.connect };
const proto = net.Socket.prototype as WithOriginal;
const originalConnect = (proto[ORIGINAL] ??= proto.connect);
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  // net.connect() and http's agents hand over their normalized arguments as one array, [options, callback].
  const given = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  const first = given as { host?: string; path?: string } | number | string | undefined;
  let host: string | undefined;
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    if (first.path === undefined) host = first.host ?? 'localhost';
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    host = typeof args[1] === 'string' ? args[1] : 'localhost';
  }
  if (host !== undefined && !LOOPBACK.test(host)) {
    // Closed before throwing: the caller (fetch, a client library) may swallow the error, and an
    // open socket would keep Jest's process alive after the tests ("Force exiting Jest").
    this.destroy();
    throw new Error(`test tried to connect to ${host}: only loopback is allowed in tests`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
