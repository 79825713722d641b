/**
 * A fake of the Pub/Sub v1 admin REST calls `setup-alerts` makes, on a loopback port: topics and
 * subscriptions (PUT create, 409 ALREADY_EXISTS on a duplicate, GET), and a topic's IAM policy
 * (getIamPolicy, setIamPolicy with etag check). Accepts only `Bearer test-token`; logs every request.
 */
import { FakeRequest, HttpFake, sendError, sendJson, startHttpFake } from './http-fake';

export interface FakeBinding {
  role: string;
  members: string[];
}
export interface FakePolicy {
  etag: string;
  bindings: FakeBinding[];
}

/** A running fake. */
export interface FakePubsubAdmin extends HttpFake {
  /** Full topic name -> its IAM policy. */
  topics: Map<string, { policy: FakePolicy }>;
  /** Full subscription name -> its body. */
  subscriptions: Map<string, Record<string, unknown>>;
  /** Every request: "METHOD path". */
  requests: string[];
  /** The policies sent to setIamPolicy, in order. */
  policiesSet: Array<Partial<FakePolicy>>;
}

const TOPIC = /^\/v1\/(projects\/[^/]+\/topics\/[^/:]+)(?::(getIamPolicy|setIamPolicy))?$/;
const SUBSCRIPTION = /^\/v1\/(projects\/[^/]+\/subscriptions\/[^/:]+)$/;

export async function startFakePubsubAdmin(): Promise<FakePubsubAdmin> {
  const topics = new Map<string, { policy: FakePolicy }>();
  const subscriptions = new Map<string, Record<string, unknown>>();
  const requests: string[] = [];
  const policiesSet: Array<Partial<FakePolicy>> = [];
  let etags = 0;
  const newEtag = () => Buffer.from(`etag-${(etags += 1)}`).toString('base64');

  const fake = await startHttpFake((req: FakeRequest, res) => {
    requests.push(`${req.method} ${req.path}`);
    if (!req.authorized) return sendError(res, 401, 'Request had invalid authentication credentials.');
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const topic = TOPIC.exec(req.path);
    if (topic) {
      const [, name, verb] = topic as unknown as [string, string, string | undefined];
      const found = topics.get(name);
      if (!verb && req.method === 'PUT') {
        if (found) return sendError(res, 409, 'Resource already exists in the project', 'ALREADY_EXISTS');
        topics.set(name, { policy: { etag: newEtag(), bindings: [] } });
        return sendJson(res, { name });
      }
      if (!found) return sendError(res, 404, `Resource not found (resource=${name}).`);
      if (!verb && req.method === 'GET') return sendJson(res, { name });
      if (verb === 'getIamPolicy') return sendJson(res, found.policy);
      if (verb === 'setIamPolicy' && req.method === 'POST') {
        const policy = (body.policy ?? {}) as Partial<FakePolicy>;
        policiesSet.push(policy);
        if (policy.etag !== undefined && policy.etag !== found.policy.etag) {
          return sendError(res, 409, 'etag mismatch', 'ABORTED');
        }
        found.policy = { etag: newEtag(), bindings: policy.bindings ?? [] };
        return sendJson(res, found.policy);
      }
    }
    const sub = SUBSCRIPTION.exec(req.path);
    if (sub && req.method === 'PUT') {
      const name = sub[1]!;
      if (subscriptions.has(name)) return sendError(res, 409, 'Resource already exists', 'ALREADY_EXISTS');
      if (!topics.has(String(body.topic))) return sendError(res, 404, 'Resource not found (resource=topic).');
      subscriptions.set(name, { ...body, name });
      return sendJson(res, { ...body, name });
    }
    sendError(res, 404, `no route ${req.method} ${req.path}`);
  });
  return { ...fake, topics, subscriptions, requests, policiesSet };
}
