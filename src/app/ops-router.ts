import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpsRoute } from './ops-routes';
import { refuseRequest } from './refuse-request';

/**
 * Serves `path` from the ops routes: the route's handler, 405 (with Allow) for a method it does not
 * take, 404 for any other path. HEAD is served wherever GET is (Node sends the headers only), since
 * some probes use it. Shared by Bolt's server (HTTP mode) and the ops server of the other modes, so
 * both answer alike; neither ever reads a request body here.
 */
export function serveOps(
  routes: OpsRoute[],
  path: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const route = routes.find((r) => r.path === path);
  if (!route) return refuseRequest(res, 404, 'not found');
  const methods = route.method.includes('GET') ? [...route.method, 'HEAD'] : route.method;
  if (!methods.includes(req.method ?? '')) {
    return refuseRequest(res, 405, 'method not allowed', { allow: methods.join(', ') });
  }
  route.handler(req, res);
}
