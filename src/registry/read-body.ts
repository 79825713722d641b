import { RemoteError } from '../errors';

/**
 * Reads a response body, at most `maxBytes` of it. Registry bodies are untrusted: an oversized
 * one is an error (`truncate` false) or cut short (`truncate` true, for error bodies we only skim).
 */
export async function readBody(response: Response, maxBytes: number, truncate: boolean, host: string): Promise<Buffer> {
  const tooLarge = () => new RemoteError(`${host} sent a response larger than ${maxBytes} bytes`);
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (!truncate && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return Buffer.alloc(0);

  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    chunks.push(Buffer.from(value));
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      if (!truncate) throw tooLarge();
      return Buffer.concat(chunks).subarray(0, maxBytes);
    }
  }
  return Buffer.concat(chunks);
}
