import type { MethodOptions } from 'googleapis-common';

/**
 * Per-call options of a call that starts a GKE operation: gaxios must not send it again by itself.
 * The clients retry PUT on a timeout or a 5xx (google-request-options.ts), but GKE may have started
 * the operation from the first request, and a resend once it is DONE is a second applied change.
 * runOperation decides instead: it looks for the operation the lost answer named before it resends.
 */
export const SEND_ONCE: MethodOptions = { retryConfig: { retry: 0, noResponseRetries: 0 } };
