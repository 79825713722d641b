import type { WebDeps } from '../../../handlers/web-deps';
import type { OpsRoute } from '../../../src/app/ops-routes';
import { readWebHome } from '../home/read-web-home';
import { renderHome } from '../home/render-home';
import { sendJson, serveAsync, userOfQuery } from './web-request';

/**
 * `GET /playground/home?user=alice` -> `{html}`: the App Home beside the channel, read when asked
 * (the page asks again when the channel changes), pending requests and open alerts.
 */
export function homeRoute(deps: Pick<WebDeps, 'approvals' | 'alerts' | 'logger'>): OpsRoute {
  return {
    path: '/playground/home',
    method: ['GET'],
    handler: serveAsync(deps.logger, '/playground/home', async (req, res) => {
      // Everyone sees the same Home; the user is still checked, as on every route.
      userOfQuery(req);
      const state = await readWebHome({ approvals: deps.approvals, alerts: deps.alerts.store });
      sendJson(res, { html: renderHome(state) });
    }),
  };
}
