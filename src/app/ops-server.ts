import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OpsRoute } from './ops-routes';
import { serveOps } from './ops-router';
import { requestPath } from './request-path';

/** A listening ops server. */
export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the ops routes on their own node:http server, for processes without Bolt's HTTP server
 * (Socket Mode, the worker role): the platform still needs a port to probe.
 */
export async function startOpsServer(routes: OpsRoute[], port: number): Promise<OpsServer> {
  const server = http.createServer((req, res) => serveOps(routes, requestPath(req.url), req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Probes keep connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
