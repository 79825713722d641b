import { Fact, known, unknownFact } from '../facts/fact';
import { IamBinding } from '../facts/types';
import { apiErrorReason } from './api-error-reason';
import { GoogleClients } from './google-clients';

/**
 * The IAM bindings of the project that hosts the image (`cloudresourcemanager v1
 * projects.getIamPolicy`). Only direct project grants show here; inherited ones do not.
 */
export async function readImageProjectIam(project: string, clients: GoogleClients): Promise<Fact<IamBinding[]>> {
  try {
    const { data } = await clients.cloudresourcemanager.projects.getIamPolicy({
      resource: project,
      // Version 3 returns conditional bindings with their condition instead of a mangled role.
      requestBody: { options: { requestedPolicyVersion: 3 } },
    });
    const bindings: IamBinding[] = (data.bindings ?? [])
      .filter((b) => typeof b.role === 'string')
      .map((b) => ({
        role: b.role!,
        members: (b.members ?? []).filter((m): m is string => typeof m === 'string'),
        ...(b.condition ? { condition: b.condition.title || b.condition.expression || 'a condition' } : {}),
      }));
    return known(bindings, 'Resource Manager API projects.getIamPolicy');
  } catch (err) {
    return unknownFact(
      apiErrorReason(err, {
        api: 'Resource Manager API',
        permission: 'resourcemanager.projects.getIamPolicy',
        resource: `projects/${project}`,
        notFound: `project ${project} not found`,
      }),
    );
  }
}
