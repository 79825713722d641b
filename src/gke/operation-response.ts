import { z } from 'zod';

// Operation names and locations go into URLs: only the characters GKE uses.
const ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The fields of a container v1 `Operation` the bot reads, validated (docs/image-streaming.md). */
export const OperationSchema = z.object({
  name: z.string().regex(ID, 'must be an operation id'),
  location: z.string().regex(ID).nullish(),
  /** Deprecated twin of `location`, still filled by the API. */
  zone: z.string().regex(ID).nullish(),
  operationType: z.string().nullish(),
  /** PENDING | RUNNING | DONE | ABORTING */
  status: z.string().nullish(),
  targetLink: z.string().nullish(),
  selfLink: z.string().nullish(),
  startTime: z.string().nullish(),
  endTime: z.string().nullish(),
  detail: z.string().nullish(),
  /** Deprecated twin of `error.message`. */
  statusMessage: z.string().nullish(),
  error: z.object({ code: z.number().nullish(), message: z.string().nullish() }).nullish(),
});

/** A validated Operation. */
export type OperationResponse = z.infer<typeof OperationSchema>;

/** An operation to follow: its id, and where it runs when known (default: the cluster's location). */
export interface OperationRef {
  name: string;
  location?: string;
}

/** Validates an operation reference that crossed a queue. */
export const operationRefSchema: z.ZodType<OperationRef> = z.object({
  name: z.string().regex(ID, 'must be an operation id like operation-123'),
  location: z.string().regex(ID, 'must be a zone or region').optional(),
});

/** Where an operation runs: `location`, else the deprecated `zone`. */
export function operationLocation(op: OperationResponse): string | undefined {
  return op.location ?? op.zone ?? undefined;
}
