import { parseImageRef } from '../images/image-ref';

/** Field names under which log lines name an image (logrus/zap style). */
const IMAGE_KEYS = ['image', 'image_ref', 'imageRef', 'image_name', 'imageName'];

// "image X", "image=X", `image "X"`, "Image X is backed by image streaming": a host with a dot,
// then a path. Bounded runs keep the scan linear on junk; parseImageRef has the final word.
const IMAGE_IN_TEXT = /\bimage\b[\s=:"']{1,4}([a-z0-9][a-z0-9.-]{0,252}(?::\d{1,5})?\/[^\s"',;]{1,1024})/gi;
const MAX_TEXT_CANDIDATES = 3;

/** A well-formed image reference, trailing sentence punctuation removed; undefined otherwise. */
function asImage(candidate: string): string | undefined {
  const trimmed = candidate.trim().replace(/[.)]+$/, '');
  try {
    return parseImageRef(trimmed).raw;
  } catch {
    return undefined;
  }
}

/** The image an entry names: an `image`-like field first, else the first reference after the word "image". */
export function findImage(fields: Readonly<Record<string, string>>, text: string): string | undefined {
  for (const key of IMAGE_KEYS) {
    const value = Object.hasOwn(fields, key) ? fields[key] : undefined;
    const image = value ? asImage(value) : undefined;
    if (image) return image;
  }
  let tried = 0;
  for (const match of text.matchAll(IMAGE_IN_TEXT)) {
    const image = asImage(match[1]);
    if (image) return image;
    if (++tried >= MAX_TEXT_CANDIDATES) break;
  }
  return undefined;
}
