import type { OpsRoute } from '../../../src/app/ops-routes';
import { playgroundPage } from '../page/playground-page';

/** `GET /playground`: the page (its HTML and script are the page's own, adapters/web/page/). */
export function pageRoute(): OpsRoute {
  return {
    path: '/playground',
    method: ['GET'],
    handler: (_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(playgroundPage());
    },
  };
}
