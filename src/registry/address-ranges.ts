import ipaddr from 'ipaddr.js';

// Classification comes from ipaddr.js (the range tables express's proxy-addr relies on), not from
// hand-written CIDR arithmetic: IPv4-mapped and other IPv6 spellings of an IPv4 address are
// unwrapped by `process` before the range is read.

/** Ranges an operator-named host (a private mirror, the test registry) may resolve to. */
const PRIVATE_RANGES = new Set(['loopback', 'private', 'uniqueLocal', 'carrierGradeNat']);

/**
 * Why a registry may not be reached at `address`, or undefined when it may. Public unicast is
 * always fine; loopback and private ranges only for hosts the operator named (`privateOk`); the
 * rest (link-local with the metadata server 169.254.169.254, 0.0.0.0, multicast, broadcast,
 * reserved, IPv6 transition prefixes that embed an arbitrary IPv4 address) never.
 */
export function refusedAddress(address: string, privateOk: boolean): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range === 'unicast') return undefined;
  if (privateOk && PRIVATE_RANGES.has(range)) return undefined;
  return `${parsed.toString()} is in the ${range} range`;
}
