/** Shared per-file setup: one fake Google, clients pointed at it, a fresh scenario per test. */
import { GoogleClients, createGoogleClients } from '../../src/google/google-clients';
import { FAKE_TOKEN, FakeGoogleApis, startFakeGoogleApis } from '../fakes/google-apis';
import { scenarioState } from '../fakes/google-apis-scenario';

/** Registers beforeAll/beforeEach/afterAll and returns live accessors. */
export function useFakeGoogle(): { fake: () => FakeGoogleApis; clients: () => GoogleClients } {
  let fake: FakeGoogleApis;
  let clients: GoogleClients;
  beforeAll(async () => {
    fake = await startFakeGoogleApis();
    // retryDelayMs 1: retries are exercised without slowing the suite.
    clients = createGoogleClients({ endpoints: fake.endpoints, accessToken: FAKE_TOKEN, retryDelayMs: 1 });
  });
  beforeEach(() => {
    fake.state = scenarioState();
    fake.requests.length = 0;
  });
  afterAll(async () => {
    await fake.close();
  });
  return { fake: () => fake, clients: () => clients };
}
