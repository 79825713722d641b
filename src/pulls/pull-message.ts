import { parseGoDurationSeconds } from './go-duration';

/*
 * The texts kubelet writes for image pulls (pkg/kubelet/images/image_manager.go), image names
 * quoted with Go's %q, durations with Duration's %v:
 *   Pulling image "X"
 *   Container image "X" already present on machine
 *   Successfully pulled image "X" in 1.536908032s                                  (kubelet < 1.28)
 *   Successfully pulled image "X" in 1.2s (1.5s including waiting)                 (1.28 - 1.29)
 *   Successfully pulled image "X" in 717ms (718ms including waiting). Image size: 78005565 bytes.
 * And on the node, GKE's own event (docs/image-streaming.md): Image X is backed by image streaming.
 */

/** What a `Pulled` event's message says. */
export type PulledMessage =
  | {
      kind: 'pulled';
      image: string;
      /**
       * The pull itself. In the newer forms that is the first figure: the second adds the time the
       * pull waited behind others in kubelet's queue (serial pulls, maxParallelImagePulls), which
       * streaming does not change. The oldest form has only one figure.
       */
      seconds: number;
      /** The `(Xs including waiting)` figure, when the message has one. */
      includingWaitingSeconds: number | null;
      /** `Image size: N bytes.`, when the message has it. */
      imageBytes: number | null;
    }
  | { kind: 'cached'; image: string }
  /** A Pulled message we do not read (an unknown form, a duration Go would not write): never guessed. */
  | { kind: 'unparsed'; image: string | null };

/** A Go %q string: quotes, with `\"` and `\\` (and other escapes) inside. */
const QUOTED = String.raw`"((?:[^"\\]|\\.)*)"`;
/** Characters of a Go duration (digits, dot, units incl. µ/μ); the parser decides if it is one. */
const DURATION = String.raw`([0-9a-z.\u00b5\u03bc]+)`;

const PULLED = new RegExp(
  String.raw`^Successfully pulled image ${QUOTED} in ${DURATION}(?: \(${DURATION} including waiting\))?(?:\. Image size: (\d+) bytes\.)?$`,
);
const CACHED = new RegExp(String.raw`^Container image ${QUOTED} already present on machine$`);
const PULLING = new RegExp(String.raw`^Pulling image ${QUOTED}$`);
const STREAMING = /^Image (\S+) is backed by image streaming\.$/;
/** Enough to name the image of a Pulled message we cannot otherwise read. */
const ANY_IMAGE = new RegExp(String.raw`image ${QUOTED}`);

/** Reads the message of a `Pulled` event. */
export function parsePulledMessage(message: string): PulledMessage {
  const text = message.trim();
  const cached = CACHED.exec(text);
  if (cached) return { kind: 'cached', image: unquote(cached[1]!) };
  const pulled = PULLED.exec(text);
  if (pulled) {
    const seconds = parseGoDurationSeconds(pulled[2]!);
    const waiting = pulled[3] === undefined ? null : parseGoDurationSeconds(pulled[3]);
    // A figure that is there but not a duration makes the whole message unread.
    if (seconds !== null && (pulled[3] === undefined || waiting !== null)) {
      return {
        kind: 'pulled',
        image: unquote(pulled[1]!),
        seconds,
        includingWaitingSeconds: waiting,
        imageBytes: pulled[4] === undefined ? null : Number(pulled[4]),
      };
    }
  }
  const any = ANY_IMAGE.exec(text);
  return { kind: 'unparsed', image: any ? unquote(any[1]!) : null };
}

/** The image of a `Pulling` message, or null. */
export function parsePullingMessage(message: string): string | null {
  const m = PULLING.exec(message.trim());
  return m ? unquote(m[1]!) : null;
}

/** The image of an `ImageStreaming` message, or null. */
export function parseStreamingMessage(message: string): string | null {
  const m = STREAMING.exec(message.trim());
  return m ? m[1]! : null;
}

/** Undoes Go's %q for what an image name can hold (no JSON round trip: Go escapes differ). */
function unquote(quoted: string): string {
  return quoted.replace(/\\(.)/g, '$1');
}
