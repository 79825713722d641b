/** A scripted HTTP peer on loopback, for registry answers a real registry never gives (garbage, hangs). */
import http from 'node:http';
import net from 'node:net';

/** A running stub. */
export interface RegistryStub {
  url: string;
  host: string;
  stop(): Promise<void>;
}

/** Serves every request with `handler` on 127.0.0.1 and a free port. */
export async function startRegistryStub(handler: http.RequestListener): Promise<RegistryStub> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url: `http://${host}`,
    host,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // a stub that never answers still holds sockets
        server.close(() => resolve());
      }),
  };
}
