import { Fact, known, unknownFact } from '../facts/fact';
import { apiErrorReason } from './api-error-reason';
import { GoogleClients } from './google-clients';

/** The API image streaming needs (docs/image-streaming.md: api-enabled). */
export const CONTAINER_FILESYSTEM_API = 'containerfilesystem.googleapis.com';

/** Whether the Container File System API is enabled in the project (`serviceusage services.get`). */
export async function readApiEnabled(project: string, clients: GoogleClients): Promise<Fact<boolean>> {
  const name = `projects/${project}/services/${CONTAINER_FILESYSTEM_API}`;
  try {
    const { data } = await clients.serviceusage.services.get({ name });
    return known(data.state === 'ENABLED', 'Service Usage API services.get state');
  } catch (err) {
    return unknownFact(
      apiErrorReason(err, {
        api: 'Service Usage API',
        permission: 'serviceusage.services.get',
        resource: name,
        notFound: `service ${CONTAINER_FILESYSTEM_API} not found in projects/${project}`,
      }),
    );
  }
}
