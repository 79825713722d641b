import type { ServerResponse } from 'node:http';

/**
 * Answers `status` with a one-line text and closes the connection. Closing matters: a request refused
 * before its body was read would otherwise keep the socket while Node reads (and discards) whatever
 * body the client claimed, for as long as the client cares to send it.
 */
export function refuseRequest(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(`${text}\n`);
}
