import dns from 'node:dns';
import net from 'node:net';
import type { buildConnector } from 'undici';
import { refusedAddress } from './address-ranges';
import { RegistryHosts } from './registry-hosts';

/** Every address of a hostname, as dns.lookup `{all: true}` gives them. */
export type ResolveHost = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolve: ResolveHost = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** A connection the guard would not open; its message ends up in the log, never in a reply. */
class ConnectionRefusedByPolicy extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionRefusedByPolicy';
  }
}

/**
 * A `lookup` for net/tls.connect that refuses a name when ANY of its addresses is forbidden, so the
 * address checked is the address connected to: resolving once up front and then connecting by name
 * would let a rebinding DNS server answer differently the second time.
 */
export function guardedLookup(resolve: ResolveHost, privateOk: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then((addresses) => {
        if (addresses.length === 0) throw Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
        for (const { address } of addresses) {
          const why = refusedAddress(address, privateOk);
          if (why) throw new ConnectionRefusedByPolicy(`${hostname} resolved to a refused address: ${why}`);
        }
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const usable = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
        if (usable.length === 0)
          throw Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' });
        return usable;
      })
      .then(
        (usable) => (options.all ? callback(null, usable) : callback(null, usable[0]!.address, usable[0]!.family)),
        (err: NodeJS.ErrnoException) => callback(err, '', 0),
      );
  };
}

/**
 * undici's connector behind two checks: the host and port must be on the allow-list (a second
 * line behind sendRequest's check of every URL), and the address must be allowed for that host.
 * An IP literal never goes through `lookup` (net.connect skips it), so it is checked here.
 */
function guardedConnector(hosts: RegistryHosts, resolve: ResolveHost): buildConnector.connector {
  const { buildConnector } = loadUndici();
  const strict = buildConnector({ lookup: guardedLookup(resolve, false) });
  const named = buildConnector({ lookup: guardedLookup(resolve, true) });
  return (options, callback) => {
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    const refuse = (why: string) => callback(new ConnectionRefusedByPolicy(why), null);
    const rule = hosts.find(options.hostname, port);
    if (!rule) return refuse(`${options.hostname}:${port} is not on the registry allow-list`);
    if (net.isIP(options.hostname)) {
      const why = refusedAddress(options.hostname, rule.named);
      if (why) return refuse(why);
    }
    return (rule.named ? named : strict)(options, callback);
  };
}

// Deferred require: undici takes about 0.4 s to load here, which every CLI command (memory,
// classify, check --no-registry) would pay at start-up for a client it does not use.
const loadUndici = () => require('undici') as typeof import('undici');

const shared = new WeakMap<RegistryHosts, typeof fetch>();

/**
 * A fetch that connects only to allowed hosts at allowed addresses. With the system resolver it is
 * built once per allow-list (one connection pool for the process); `resolve` is a test seam.
 */
export function guardedFetch(hosts: RegistryHosts, resolve?: ResolveHost): typeof fetch {
  const known = resolve ? undefined : shared.get(hosts);
  if (known) return known;
  const { Agent, fetch: undiciFetch } = loadUndici();
  const agent = new Agent({ connect: guardedConnector(hosts, resolve ?? systemResolve) });
  // undici's own fetch, so the dispatcher is of the same undici version as the fetch using it.
  const guarded = ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
  if (!resolve) shared.set(hosts, guarded);
  return guarded;
}
