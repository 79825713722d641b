import { z } from 'zod';
import { UsageError } from '../errors';
import { parseImageRef } from './image-ref';

/**
 * An image reference typed by a user (`HOST/PATH[:TAG][@sha256:DIGEST]`), as a string: the one
 * schema for it in commands and job payloads. The grammar is parseImageRef's, so a bad reference
 * is refused with the same sentence `check` says; the value is kept as typed (trimmed), because
 * Kubernetes events name an image as the pod spec wrote it.
 */
export const imageReferenceSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    try {
      parseImageRef(value);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message });
    }
  });
