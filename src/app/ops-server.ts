import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_HTTP_LIMITS, type HttpLimits, serverTimeoutOptions } from './http-limits';
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
export async function startOpsServer(
  routes: OpsRoute[],
  port: number,
  limits: HttpLimits = DEFAULT_HTTP_LIMITS,
): Promise<OpsServer> {
  // The same header and request timeouts as the Slack server: a stalled probe must not hold a socket.
  const server = http.createServer(serverTimeoutOptions(limits), (req, res) =>
    serveOps(routes, requestPath(req.url), req, res),
  );
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
