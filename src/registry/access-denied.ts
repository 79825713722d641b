import { RemoteError } from '../errors';
import { registryErrorSchema } from './manifest-schemas';

/** The IAM permission an Artifact Registry pull needs (granted by roles/artifactregistry.reader). */
export const PULL_PERMISSION = 'artifactregistry.repositories.downloadArtifacts';

/**
 * The error for a 401/403 once credentials (or the lack of them) were tried: always status 403
 * and always naming the permission, since that is what the user has to go and fix.
 */
export function accessDenied(image: string, usedCredentials: boolean, detail?: string): RemoteError {
  const who = usedCredentials
    ? 'the account needs'
    : 'no credentials were sent (anonymous pull); reading it needs an account with';
  const said = detail ? ` (registry said: ${detail})` : '';
  const need = `the IAM permission ${PULL_PERMISSION} (role roles/artifactregistry.reader) on the repository`;
  return new RemoteError(`access to ${image} denied: ${who} ${need}${said}`, 403);
}

/** The first message of a registry error body (`{errors:[{code,message}]}`), made safe to show. */
export function registryErrorDetail(body: Uint8Array): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = registryErrorSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const first = parsed.data.errors[0]!;
  const text = (first.message ?? first.code ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return text ? text.slice(0, 200) : undefined;
}
