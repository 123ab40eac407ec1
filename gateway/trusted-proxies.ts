import net from 'node:net';

/** One `TRUSTED_PROXIES` entry: an IP address, or a subnet when `prefixLength` is set. */
export interface ProxyAddressRange {
  address: string;
  prefixLength: number | null;
  family: 'ipv4' | 'ipv6';
}

const ipv4MappedPrefix = '::ffff:';

/**
 * Parses an entry such as `192.0.2.1`, `::1` or `172.18.0.0/16`. Returns null for anything
 * else, host names included.
 */
export function parseProxyAddressRange(entry: string): ProxyAddressRange | null {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = net.isIP(address);
  if (version === 0 || rest.length > 0) {
    return null;
  }

  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) {
    return { address, prefixLength: null, family };
  }

  const prefixLength = /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
  const maxPrefixLength = version === 4 ? 32 : 128;
  if (!(prefixLength >= 0 && prefixLength <= maxPrefixLength)) {
    return null;
  }
  return { address, prefixLength, family };
}

/**
 * Creates a check of a socket's remote address against the trusted proxy ranges. An
 * IPv4 client of a dual-stack listener (`::ffff:192.0.2.1`) matches an IPv4 entry.
 */
export function createTrustedProxyCheck(
  ranges: readonly ProxyAddressRange[],
): (remoteAddress: string) => boolean {
  const blockList = new net.BlockList();

  for (const range of ranges) {
    if (range.prefixLength === null) {
      blockList.addAddress(range.address, range.family);
    } else {
      blockList.addSubnet(range.address, range.prefixLength, range.family);
    }
  }

  return (remoteAddress) => {
    const version = net.isIP(remoteAddress);
    return version !== 0 && blockList.check(remoteAddress, version === 4 ? 'ipv4' : 'ipv6');
  };
}

/** Returns the remote address with an IPv4-mapped IPv6 address written as plain IPv4. */
export function normalizeRemoteAddress(remoteAddress: string | undefined): string {
  const address = remoteAddress ?? '';
  const mapped = address.toLowerCase().startsWith(ipv4MappedPrefix)
    ? address.slice(ipv4MappedPrefix.length)
    : null;

  return mapped !== null && net.isIPv4(mapped) ? mapped : address;
}
