import type { OpsRoute } from '../../../src/app/ops-routes';
import { PLAYGROUND_CSP, playgroundPage } from '../page/playground-page';

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
        // Only this page's own inline script and style run (by hash), and it talks only to this origin.
        'content-security-policy': PLAYGROUND_CSP,
      });
      res.end(playgroundPage());
    },
  };
}
