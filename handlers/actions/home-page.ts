import { z } from 'zod';
import { errorMessage } from '../../src/errors';
import { homeUserIdSchema } from '../../src/home/home-viewers';
import type { WebDeps } from '../web-deps';
import type { ButtonArgs } from './button-args';

// A button value is whatever a client sends: digits only, a page the Home could have.
const pageValueSchema = z
  .string()
  .regex(/^\d{1,3}$/)
  .transform(Number);

/** Previous / Next / Refresh on the Home tab: remember the page asked for and queue a refresh showing it. */
export function homePage(deps: WebDeps) {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ack();
    if (!deps.home) return;
    const page = pageValueSchema.safeParse(action.value);
    const user = homeUserIdSchema.safeParse(body.user.id);
    if (!page.success || !user.success) {
      deps.logger.warn('Home page button with an invalid value or user');
      return;
    }
    try {
      await deps.home.showPage(user.data, page.data);
    } catch (err) {
      deps.logger.warn({ err: errorMessage(err) }, 'could not queue a Home refresh');
    }
  };
}
