/**
 * Google's certificate endpoint for Chat's tokens, on loopback: `GET` answers the `{kid: PEM
 * certificate}` map with a Cache-Control max-age, as
 * https://www.googleapis.com/service_accounts/v1/metadata/x509/chat@system.gserviceaccount.com does.
 * Tests change what it serves (a rotated key), make it fail or stall, and count its requests.
 */
import { type HttpFake, startHttpFake } from './http-fake';

export interface CertsFake extends HttpFake {
  /** The certificates served, by kid. */
  certs: Record<string, string>;
  /** The Cache-Control header sent (`public, max-age=N, ...` like Google's); undefined: none. */
  cacheControl: string | undefined;
  /** 'ok' answers; 'error' answers 500; 'stall' never answers. */
  mode: 'ok' | 'error' | 'stall';
  /** GET requests served so far (stalled ones included). */
  readonly requests: number;
}

export async function startCertsFake(certs: Record<string, string>): Promise<CertsFake> {
  const state = {
    certs,
    cacheControl: 'public, max-age=3600, must-revalidate, no-transform' as string | undefined,
    mode: 'ok' as CertsFake['mode'],
    requests: 0,
  };
  const fake = await startHttpFake((req, res) => {
    state.requests += 1;
    if (state.mode === 'stall') return;
    if (state.mode === 'error' || req.method !== 'GET') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      return void res.end('error');
    }
    res.writeHead(200, {
      'content-type': 'application/json; charset=UTF-8',
      ...(state.cacheControl ? { 'cache-control': state.cacheControl } : {}),
    });
    res.end(JSON.stringify(state.certs));
  });
  return Object.assign(state, { url: fake.url, close: fake.close });
}
