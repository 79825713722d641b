import { z } from 'zod';

/**
 * A Kubernetes namespace name: an RFC 1123 label (Kubernetes' own rule for namespaces), at most
 * 63 lowercase letters, digits or hyphens, starting and ending with a letter or digit.
 */
export const NAMESPACE_NAME_RE = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

/** A Kubernetes namespace name: the one schema for it in commands and job payloads. */
export const namespaceNameSchema = z
  .string()
  .regex(
    NAMESPACE_NAME_RE,
    'must be a Kubernetes namespace: 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit',
  );
