/**
 * The playground is a simulator: it points the bot at fake Google APIs with a fixed token and lets
 * anyone who opens the page be an approver. It must never run as production.
 */

/** Exit code of a refused start (the same as a missing Redis: nothing was started). */
export const REFUSED_EXIT_CODE = 2;

/** The one-line refusal when the environment says production, else undefined. */
export function productionRefusal(env: NodeJS.ProcessEnv): string | undefined {
  if ((env.NODE_ENV ?? '').trim().toLowerCase() !== 'production') return undefined;
  return 'imagestream playground: refusing to run with NODE_ENV=production (it simulates Google Cloud and lets anyone approve); use `npm start` for the bot';
}
