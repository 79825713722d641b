/** How Slack answered one HTTP request, as the metrics count it. */
export type SlackAnswer = { kind: 'ok' } | { kind: 'rate_limited' } | { kind: 'error'; error: string };

// Slack's error codes are snake_case words (channel_not_found); anything else is not used as a label.
const SLACK_ERROR_CODE = /^[a-z0-9_]{1,64}$/;
// Web API method names: chat.postMessage, usergroups.users.list.
const WEB_API_METHOD = /^[a-zA-Z]+(\.[a-zA-Z]+){1,4}$/;

/**
 * Wraps a fetch so that every answer from Slack is reported: a 429, an HTTP error, a Web API
 * `ok: false` (200 with an error code; the body is read from a clone, the caller reads its own),
 * a timeout or a failed connection. The request and the answer are passed on unchanged. The
 * WebClient (and Bolt's) take it as their `fetch` option, postToResponseUrl as its own: one hook
 * for every Slack call, where wrapping WebClient.apiCall would miss the methods it binds at
 * construction.
 */
export function meteredFetch(base: typeof fetch, report: (url: string, answer: SlackAnswer) => void): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    let response: Response;
    try {
      response = await base(input, init);
    } catch (err) {
      const name = (err as { name?: unknown }).name;
      report(url, { kind: 'error', error: name === 'TimeoutError' ? 'timeout' : 'request_error' });
      throw err;
    }
    report(url, await answerOf(response));
    return response;
  };
}

async function answerOf(response: Response): Promise<SlackAnswer> {
  if (response.status === 429) return { kind: 'rate_limited' };
  if (response.status < 200 || response.status > 299) return { kind: 'error', error: `http_${response.status}` };
  if (!(response.headers.get('content-type') ?? '').includes('json')) return { kind: 'ok' };
  try {
    const body = (await response.clone().json()) as { ok?: unknown; error?: unknown };
    if (body?.ok !== false) return { kind: 'ok' };
    const code = typeof body.error === 'string' && SLACK_ERROR_CODE.test(body.error) ? body.error : 'other';
    return { kind: 'error', error: code };
  } catch {
    // Not JSON after all: the client reports that itself; nothing to count here.
    return { kind: 'ok' };
  }
}

/**
 * The `method` label of a Slack URL: the Web API method for URLs under `apiUrl`, `response_url`
 * for anything else (the response URLs of commands and buttons), `other` for an unexpected name.
 */
export function slackMethodOf(apiUrl: string): (url: string) => string {
  const base = apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
  return (url) => {
    if (!url.startsWith(base)) return 'response_url';
    const method = url.slice(base.length).split(/[?#]/)[0] ?? '';
    return WEB_API_METHOD.test(method) ? method : 'other';
  };
}
