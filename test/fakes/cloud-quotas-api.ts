/**
 * A stateful fake of the Cloud Quotas API (cloudquotas v1) on 127.0.0.1, at the REST paths the
 * google-gax fallback client calls (the `google.api.http` rules of cloudquotas.proto):
 * `GET /v1/projects/P/locations/L/services/S/quotaInfos` (paged), and
 * `POST|GET /v1/projects/P/locations/L/quotaPreferences[/ID]`. Field names are proto3 JSON
 * (camelCase, int64 as strings).
 */
import { sendError, sendJson, startHttpFake } from './http-fake';

/** The methods served, by their RPC names. */
export type QuotasRoute = 'ListQuotaInfos' | 'CreateQuotaPreference' | 'GetQuotaPreference';

/** An injected failure, answered before the state is consulted; the first match wins. */
export interface QuotasFault {
  route: QuotasRoute;
  status: number;
  message?: string;
  /** How many requests it applies to; undefined = all of them. */
  times?: number;
}

/** One request the fake received. */
export interface QuotasRequest {
  route: QuotasRoute | 'unknown';
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  status: number;
}

/** A running fake. */
export interface CloudQuotasFake {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** QuotaInfo JSON per `projects/P/locations/global/services/S`; edit between calls. */
  quotaInfos: Record<string, Array<Record<string, any>>>;
  /** Stored preferences by full name. */
  preferences: Record<string, Record<string, any>>;
  faults: QuotasFault[];
  requests: QuotasRequest[];
  /** Items per page of ListQuotaInfos; default 2 (so a client has to page). */
  pageSize: number;
  reset(): void;
  close(): Promise<void>;
}

const ID = '([A-Za-z0-9._-]+)';
const ROUTES: Array<{ route: QuotasRoute; method: string; re: RegExp }> = [
  {
    route: 'ListQuotaInfos',
    method: 'GET',
    re: new RegExp(`^/v1/(projects/${ID}/locations/${ID}/services/${ID})/quotaInfos$`),
  },
  {
    route: 'CreateQuotaPreference',
    method: 'POST',
    re: new RegExp(`^/v1/(projects/${ID}/locations/${ID})/quotaPreferences$`),
  },
  {
    route: 'GetQuotaPreference',
    method: 'GET',
    re: new RegExp(`^/v1/(projects/${ID}/locations/${ID}/quotaPreferences/${ID})$`),
  },
];

/** The two containerfilesystem quotas of docs/image-streaming.md, with a default and a per-region value. */
export function containerFilesystemQuotaInfos(project: string): Array<Record<string, any>> {
  const service = 'containerfilesystem.googleapis.com';
  const info = (quotaId: string, display: string, defaultValue: string, regional: Record<string, string>) => ({
    name: `projects/${project}/locations/global/services/${service}/quotaInfos/${quotaId}`,
    quotaId,
    metric: `${service}/content_requests`,
    service,
    isPrecise: true,
    containerType: 'PROJECT',
    dimensions: ['region'],
    metricDisplayName: 'Content requests per project per region',
    quotaDisplayName: display,
    metricUnit: '1/min/{project}/{region}',
    quotaIncreaseEligibility: { isEligible: true },
    dimensionsInfos: [
      ...Object.entries(regional).map(([region, value]) => ({
        dimensions: { region },
        details: { value },
        applicableLocations: [region],
      })),
      { dimensions: {}, details: { value: defaultValue }, applicableLocations: [] },
    ],
  });
  return [
    {
      name: `projects/${project}/locations/global/services/${service}/quotaInfos/OtherQuota`,
      quotaId: 'OtherQuota',
      service,
      quotaDisplayName: 'Read requests per minute',
      dimensionsInfos: [{ dimensions: {}, details: { value: '100' } }],
    },
    info(
      'ContentRequestsPerMinutePerProjectPerRegion',
      'Content requests per project per region per minute per region',
      '6000',
      {
        'us-east1': '12000',
      },
    ),
    info('ContentRequestsPerProjectPerRegion', 'Content requests per project per region', '100000', {}),
  ];
}

/** Starts the fake on a free loopback port. */
export async function startCloudQuotasFake(): Promise<CloudQuotasFake> {
  const answer = (route: QuotasRoute, m: string[], query: URLSearchParams, body: unknown) => {
    switch (route) {
      case 'ListQuotaInfos': {
        const all = fake.quotaInfos[m[1]!] ?? [];
        const size = Math.min(fake.pageSize, Number(query.get('pageSize') ?? fake.pageSize) || fake.pageSize);
        const start = Number(query.get('pageToken') ?? '0') || 0;
        const page = all.slice(start, start + size);
        const next = start + size < all.length ? String(start + size) : '';
        return { code: 200, body: { quotaInfos: page, ...(next ? { nextPageToken: next } : {}) } };
      }
      case 'CreateQuotaPreference': {
        const pref = body as Record<string, any> | undefined;
        const missing = ['service', 'quotaId', 'quotaConfig'].filter((k) => pref?.[k] === undefined);
        if (!pref || missing.length > 0 || pref.quotaConfig.preferredValue === undefined) {
          return { code: 400, message: `fake: missing ${missing.join(', ') || 'quotaConfig.preferredValue'}` };
        }
        const id = query.get('quotaPreferenceId') ?? `pref-${Object.keys(fake.preferences).length + 1}`;
        const name = `${m[1]}/quotaPreferences/${id}`;
        if (fake.preferences[name]) return { code: 409, message: `Resource '${name}' already exists.` };
        const { contactEmail: _input, ...stored } = pref;
        const saved = {
          ...stored,
          name,
          etag: `"${id}-1"`,
          createTime: new Date().toISOString(),
          reconciling: true,
          quotaConfig: { ...pref.quotaConfig, requestOrigin: 'ORIGIN_UNSPECIFIED' },
        };
        fake.preferences[name] = saved;
        return { code: 200, body: saved };
      }
      case 'GetQuotaPreference': {
        const pref = fake.preferences[m[1]!];
        return pref ? { code: 200, body: pref } : { code: 404, message: `Resource '${m[1]}' was not found.` };
      }
    }
  };

  const server = await startHttpFake((req, res) => {
    const found = ROUTES.map((r) => ({ r, m: r.method === req.method ? r.re.exec(req.path) : null })).find((x) => x.m);
    const record: QuotasRequest = {
      route: found?.r.route ?? 'unknown',
      method: req.method,
      path: req.path,
      query: Object.fromEntries(req.query),
      ...(req.body !== undefined ? { body: req.body } : {}),
      status: 0,
    };
    fake.requests.push(record);
    const reply = (a: { code: number; body?: unknown; message?: string }) => {
      record.status = a.code;
      if (a.code === 200) return sendJson(res, a.body);
      return sendError(res, a.code, a.message ?? `HTTP ${a.code}`, a.code === 409 ? 'ALREADY_EXISTS' : undefined);
    };
    if (!req.authorized) return reply({ code: 401, message: 'Request had invalid authentication credentials.' });
    if (!found) return reply({ code: 404, message: `fake: no route for ${req.method} ${req.path}` });
    const fault = fake.faults.find((f) => f.route === found.r.route && (f.times === undefined || f.times > 0));
    if (fault) {
      if (fault.times !== undefined) fault.times -= 1;
      return reply({ code: fault.status, message: fault.message ?? `injected ${fault.status}` });
    }
    reply(answer(found.r.route, [...found.m!], req.query, req.body));
  });

  const fake: CloudQuotasFake = {
    url: server.url,
    quotaInfos: {},
    preferences: {},
    faults: [],
    requests: [],
    pageSize: 2,
    reset() {
      for (const k of Object.keys(fake.quotaInfos)) delete fake.quotaInfos[k];
      for (const k of Object.keys(fake.preferences)) delete fake.preferences[k];
      fake.faults.length = 0;
      fake.requests.length = 0;
      fake.pageSize = 2;
    },
    close: server.close,
  };
  return fake;
}
