/**
 * The loopback guard of test/support/env.ts: a connection off this machine fails at once, and the
 * refused socket is closed, so it cannot keep Jest's process alive after the tests.
 */
import net from 'node:net';
import tls from 'node:tls';

const openSockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

it.each([
  ['a TLS connection (what fetch opens for https)', () => tls.connect({ host: 'registry.example', port: 443 })],
  ['a plain TCP connection', () => net.connect({ host: '192.0.2.1', port: 80 })],
])('refuses %s off loopback and leaves no socket open', async (_name, connect) => {
  await settled();
  const before = openSockets();
  expect(connect).toThrow(/only loopback is allowed in tests/);
  await settled();
  expect(openSockets()).toBe(before);
});
