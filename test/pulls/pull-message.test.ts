import { parsePulledMessage, parsePullingMessage, parseStreamingMessage } from '../../src/pulls/pull-message';

const GB = 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5';

describe('a Pulled message, as each kubelet version writes it', () => {
  it('reads the oldest form (the page’s example)', () => {
    expect(parsePulledMessage(`Successfully pulled image "${GB}" in 1.536908032s`)).toEqual({
      kind: 'pulled',
      image: GB,
      seconds: 1.536908032,
      includingWaitingSeconds: null,
      imageBytes: null,
    });
  });

  it('reads the "(… including waiting)" form: the pull itself is the first figure', () => {
    expect(parsePulledMessage(`Successfully pulled image "${GB}" in 1.2s (1m1.5s including waiting)`)).toMatchObject({
      seconds: 1.2,
      includingWaitingSeconds: 61.5,
      imageBytes: null,
    });
  });

  it('reads the image size of the newest form', () => {
    expect(
      parsePulledMessage(
        `Successfully pulled image "${GB}" in 717ms (718ms including waiting). Image size: 78005565 bytes.`,
      ),
    ).toEqual({ kind: 'pulled', image: GB, seconds: 0.717, includingWaitingSeconds: 0.718, imageBytes: 78005565 });
  });

  it('reads a pull served from the node’s cache', () => {
    expect(parsePulledMessage(`Container image "${GB}" already present on machine`)).toEqual({
      kind: 'cached',
      image: GB,
    });
  });

  it.each([
    `Successfully pulled image "${GB}" in about 5s`,
    `Successfully pulled image "${GB}" in 12.5sec`,
    `Successfully pulled image "${GB}" in 1.2s (soon including waiting)`,
    `Successfully pulled image "${GB}" in -3s`,
    `Successfully pulled image "${GB}" quickly`,
  ])('leaves %j unparsed, naming the image', (message) => {
    expect(parsePulledMessage(message)).toEqual({ kind: 'unparsed', image: GB });
  });

  it('leaves a message without an image unparsed and unnamed', () => {
    expect(parsePulledMessage('Pulled something')).toEqual({ kind: 'unparsed', image: null });
  });

  it('undoes Go’s %q escapes in the image', () => {
    expect(parsePulledMessage('Container image "a\\"b" already present on machine')).toEqual({
      kind: 'cached',
      image: 'a"b',
    });
  });
});

describe('Pulling and ImageStreaming messages', () => {
  it('reads the image of each', () => {
    expect(parsePullingMessage(`Pulling image "${GB}"`)).toBe(GB);
    expect(parseStreamingMessage(`Image ${GB} is backed by image streaming.`)).toBe(GB);
    expect(parseStreamingMessage('Image is backed by image streaming.')).toBeNull();
  });
});
