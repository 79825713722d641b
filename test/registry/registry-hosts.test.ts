import { refusedAddress } from '../../src/registry/address-ranges';
import { parseHostRule, RegistryHosts } from '../../src/registry/registry-hosts';
import { loadConfig } from '../../src/config';

const allowed = (hosts: RegistryHosts, url: string) => hosts.findUrl(new URL(url)) !== undefined;

describe('the registry allow-list', () => {
  const defaults = RegistryHosts.of();

  it.each([
    'https://us-east1-docker.pkg.dev/v2/',
    'https://europe-docker.pkg.dev/v2/token',
    'https://gcr.io/v2/',
    'https://eu.gcr.io/v2/',
    'https://US.GCR.IO/v2/',
  ])("allows Google's registries by default: %s", (url) => {
    expect(allowed(defaults, url)).toBe(true);
  });

  it.each([
    // Numeric spellings of loopback: the URL parser turns each into 127.0.0.1, which no rule names.
    'https://127.0.0.1/',
    'https://2130706433/',
    'https://0x7f000001/',
    'https://127.1/',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://0.0.0.0/',
    'https://localhost/',
    'https://169.254.169.254/',
    'http://metadata.google.internal/',
    'https://10.0.0.1/',
    // Look-alikes and other ports of allowed hosts.
    'https://us-docker.pkg.dev.evil.example/',
    'https://evil.example/us-docker.pkg.dev',
    'https://a.b.gcr.io/',
    'https://gcr.io.evil.example/',
    'https://us-python.pkg.dev/',
    'https://gcr.io:6379/',
    'http://gcr.io/',
    'https://gcr.io./',
  ])('refuses %s by default', (url) => {
    expect(allowed(defaults, url)).toBe(false);
  });

  it('adds configured hosts with their port (443 when none), wildcards one label deep', () => {
    const hosts = RegistryHosts.of(['mirror.example.com:5000', 'registry.corp', '*.cdn.example.com']);
    expect(allowed(hosts, 'https://mirror.example.com:5000/v2/')).toBe(true);
    expect(allowed(hosts, 'https://mirror.example.com/v2/')).toBe(false);
    expect(allowed(hosts, 'https://registry.corp/v2/')).toBe(true);
    expect(allowed(hosts, 'https://eu.cdn.example.com/blob')).toBe(true);
    expect(allowed(hosts, 'https://a.eu.cdn.example.com/blob')).toBe(false);
    expect(allowed(hosts, 'https://cdn.example.com/blob')).toBe(false);
  });

  it('lets only hosts named exactly resolve to private addresses', () => {
    const hosts = RegistryHosts.of(['mirror.corp.example:5000', '*.corp.example'], 'http://127.0.0.1:5001');
    expect(hosts.find('mirror.corp.example', 5000)?.named).toBe(true);
    expect(hosts.find('other.corp.example', 443)?.named).toBe(false);
    expect(hosts.find('127.0.0.1', 5001)?.named).toBe(true);
    expect(hosts.find('us-docker.pkg.dev', 443)?.named).toBe(false);
  });

  it('reads numeric spellings in configured hosts as the address they mean', () => {
    const hosts = RegistryHosts.of(['2130706433:5000', '[0:0:0:0:0:0:0:1]:5000']);
    expect(allowed(hosts, 'http://127.0.0.1:5000/')).toBe(true);
    expect(hosts.find('::1', 5000)).toBeDefined();
  });

  it.each(['*', '*.com', 'a*.example.com', 'ex ample.com', 'host:99999', 'host:', 'https://host', 'host/path'])(
    'rejects the entry %p',
    (entry) => {
      expect(parseHostRule(entry)).toBeUndefined();
    },
  );

  it('is configured by IMAGESTREAM_REGISTRY_HOSTS, each entry validated', () => {
    expect(
      loadConfig({ IMAGESTREAM_REGISTRY_HOSTS: ' mirror.corp:5000, *.cdn.example.com ' }).IMAGESTREAM_REGISTRY_HOSTS,
    ).toEqual(['mirror.corp:5000', '*.cdn.example.com']);
    expect(loadConfig({}).IMAGESTREAM_REGISTRY_HOSTS).toEqual([]);
    expect(() => loadConfig({ IMAGESTREAM_REGISTRY_HOSTS: 'mirror.corp,*.com' })).toThrow(/IMAGESTREAM_REGISTRY_HOSTS/);
  });
});

describe('refusedAddress', () => {
  it.each(['8.8.8.8', '142.250.0.1', '2607:f8b0:4004::1'])('allows the public address %s', (address) => {
    expect(refusedAddress(address, false)).toBeUndefined();
  });

  it.each([
    '127.0.0.1',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '10.0.0.1',
    '192.168.0.1',
    '172.16.0.1',
    'fd00::1',
    '100.64.0.1',
  ])('refuses %s unless the host was named, then allows it', (address) => {
    expect(refusedAddress(address, false)).toMatch(/range/);
    expect(refusedAddress(address, true)).toBeUndefined();
  });

  it.each([
    '169.254.169.254',
    'fe80::1',
    '0.0.0.0',
    '::',
    '224.0.0.1',
    '255.255.255.255',
    '64:ff9b::7f00:1',
    '2002:7f00:1::1',
  ])('always refuses %s (metadata, unspecified, multicast, addresses wrapping another)', (address) => {
    expect(refusedAddress(address, true)).toMatch(/range/);
  });
});
