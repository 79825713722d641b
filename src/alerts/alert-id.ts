import { z } from 'zod';

/**
 * Alert ids as the alert store issues them: url-safe, short enough for a button value, a job id
 * and a Redis key. The one definition: button values and job payloads are checked with it too.
 */
export const alertIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not an alert id');
