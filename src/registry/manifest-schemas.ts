import { z } from 'zod';
import { DIGEST_RE } from './digest';

// Registry JSON is untrusted: every field the bot reads is checked here, unknown fields are dropped.

const digest = z.string().regex(DIGEST_RE, 'not a sha256/sha512 digest');
const mediaType = z.string().min(1).max(255);
// Platform words end up in notes shown to users: plain tokens only.
const platformWord = z.string().regex(/^[\w.-]{1,64}$/, 'not a platform word');

/** A content descriptor (config, layer or index entry). */
export const descriptorSchema = z.object({
  mediaType,
  digest,
  size: z.number().int().nonnegative(),
});

/** OCI image manifest / Docker schema 2 manifest. */
export const imageManifestSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: mediaType.optional(),
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
});

/** OCI index / Docker manifest list. */
export const indexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: mediaType.optional(),
  manifests: z.array(
    descriptorSchema.extend({
      platform: z.object({ os: platformWord, architecture: platformWord, variant: platformWord.optional() }).optional(),
    }),
  ),
});

/** Docker schema 1 manifest (signed or not); only the layer list is read. */
export const schema1Schema = z.object({
  schemaVersion: z.literal(1),
  fsLayers: z.array(z.object({ blobSum: digest })),
  signatures: z.array(z.unknown()).optional(),
});

/** The part of an image config the bot reads. */
export const imageConfigSchema = z.object({
  rootfs: z.object({ type: z.string(), diff_ids: z.array(digest) }),
});

/** A token service answer (Docker token spec: `token`, or OAuth2 `access_token`). */
export const tokenResponseSchema = z
  .object({
    token: z.string().min(1).optional(),
    access_token: z.string().min(1).optional(),
    expires_in: z.number().positive().optional(),
  })
  .refine((t) => t.token !== undefined || t.access_token !== undefined, 'neither token nor access_token');

/** The error body of the registry API (`{errors: [{code, message}]}`). */
export const registryErrorSchema = z.object({
  errors: z.array(z.object({ code: z.string().optional(), message: z.string().optional() })).min(1),
});

export type Descriptor = z.infer<typeof descriptorSchema>;
