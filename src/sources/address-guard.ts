/**
 * The SSRF guard for feed URLs that strangers can add (through the HTTP API
 * or the web reader): such a URL may only reach public unicast addresses, so
 * nobody can make this server fetch from its own loopback, the LAN, a cloud
 * metadata endpoint or a multicast group. Checked after DNS resolution (every
 * address a name resolves to must be public) and again on every redirect hop
 * (fetch-feed calls the guard per hop).
 *
 * The operator can let chosen hosts or networks through
 * (`FEEDFOLD_ALLOW_PRIVATE_HOSTS=feeds.lan,10.0.0.0/8`). Sources added with
 * the local CLI are the operator's own and are never guarded.
 *
 * Known limit: the name is resolved here and again by fetch itself, so a
 * resolver that answers differently the second time (DNS rebinding with a
 * zero TTL) can still slip through; see SECURITY.md.
 *
 * It does not fetch anything; the resolver is injectable for tests.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { SourceError } from '../errors.js';
import { EMPTY_ALLOW_LIST, type AllowList } from './allow-list.js';

export { EMPTY_ALLOW_LIST, isRemotelyAdded, parseAllowList, type AddedVia, type AllowList } from './allow-list.js';

/**
 * Special-purpose ranges (IANA IPv4/IPv6 Special-Purpose Address Registries)
 * that a public feed never lives on.
 */
const BLOCKED_V4: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata lives here)'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved (and broadcast)'],
];

const BLOCKED_V6: readonly [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['::', 96, 'IPv4-compatible (deprecated)'],
  ['100::', 64, 'discard-only'],
  ['2001:db8::', 32, 'documentation'],
  ['fc00::', 7, 'unique local (private; AWS metadata fd00:ec2::254 lives here)'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local (deprecated)'],
  ['ff00::', 8, 'multicast'],
];

/** Why an address is not public, or null when it is. */
export function blockedReason(address: string): string | null {
  const family = isIP(address);
  if (family === 4) {
    for (const [network, prefix, reason] of BLOCKED_V4) if (inSubnet(address, network, prefix, 'ipv4')) return reason;
    return null;
  }
  if (family === 6) {
    const embedded = embeddedIpv4(address);
    if (embedded) {
      const inner = blockedReason(embedded);
      return inner ? `${inner} (${address} carries ${embedded})` : null;
    }
    for (const [network, prefix, reason] of BLOCKED_V6) if (inSubnet(address, network, prefix, 'ipv6')) return reason;
    return null;
  }
  return 'not an IP address';
}

function inSubnet(address: string, network: string, prefix: number, type: 'ipv4' | 'ipv6'): boolean {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return list.check(address, type);
}

/**
 * The IPv4 address inside an IPv6 one that forwards to it: IPv4-mapped
 * (`::ffff:127.0.0.1`), NAT64 (`64:ff9b::/96`) and 6to4 (`2002::/16`).
 */
export function embeddedIpv4(address: string): string | null {
  const groups = expandIpv6(address);
  if (!groups) return null;
  const v4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && groups[5] === 0xffff) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!);
  return null;
}

/** Eight 16-bit groups of an IPv6 address (dotted IPv4 tail allowed), or null. */
function expandIpv6(address: string): number[] | null {
  if (isIP(address) !== 6) return null;
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') as [string, string] : [text, null];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  const groups = [...left, ...(tail === null ? [] : Array<string>(missing).fill('0')), ...right].map((group) => Number.parseInt(group, 16));
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

function allowedAddress(address: string, allow: AllowList): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (allow.networks.check(address, family === 4 ? 'ipv4' : 'ipv6')) return true;
  const embedded = family === 6 ? embeddedIpv4(address) : null;
  return embedded !== null && allow.networks.check(embedded, 'ipv4');
}

export type Resolver = (hostname: string) => Promise<string[]>;

const systemResolver: Resolver = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Resolves the URL's host and throws a SourceError('blocked') unless every
 * address it resolves to is public or allowed. The URL parser has already
 * turned decimal, octal and hex IPv4 forms (`http://2130706433/`,
 * `http://0x7f.1/`) into dotted quads, so they are checked as what they are.
 */
export async function assertPublicUrl(url: string, allow: AllowList = EMPTY_ALLOW_LIST, resolve: Resolver = systemResolver): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SourceError(url, 'blocked', `not a valid URL: "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new SourceError(url, 'blocked', `only http and https URLs may be fetched, not ${parsed.protocol}`);
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  if (allow.hosts.has(host)) return;

  let addresses: string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch (cause) {
      throw new SourceError(url, 'network', `cannot resolve ${host}: ${(cause as Error).message}`, { cause });
    }
    if (addresses.length === 0) throw new SourceError(url, 'network', `cannot resolve ${host}: no addresses`);
  }
  const refused = refusal(url, host, addresses, allow);
  if (refused) throw refused;
}

/** The error for the first address the policy refuses, or null when all may be reached. */
function refusal(url: string, host: string, addresses: readonly string[], allow: AllowList): SourceError | null {
  for (const address of addresses) {
    const reason = blockedReason(address);
    if (reason && !allowedAddress(address, allow)) {
      const via = address === host ? '' : ` (${host} resolves to ${address})`;
      return new SourceError(
        url,
        'blocked',
        `refusing to fetch ${address}${via}: ${reason} address; a source added remotely may only reach public addresses (the operator can allow hosts in FEEDFOLD_ALLOW_PRIVATE_HOSTS)`,
      );
    }
  }
  return null;
}

const dispatchers = new WeakMap<AllowList, WeakMap<Resolver, Dispatcher>>();

/**
 * A connection pool for guarded fetches (fetch's `dispatcher`) that checks at
 * connect time: a host name is resolved here, every address is checked, and
 * the socket is opened to those checked addresses only; an IP address in the
 * URL is checked as it is. One pool per allow-list and resolver, shared by
 * every guarded fetch.
 */
export function guardedDispatcher(allow: AllowList = EMPTY_ALLOW_LIST, resolve: Resolver = systemResolver): Dispatcher {
  let byResolver = dispatchers.get(allow);
  if (!byResolver) dispatchers.set(allow, (byResolver = new WeakMap()));
  let dispatcher = byResolver.get(resolve);
  if (!dispatcher) {
    const connect = buildConnector({ lookup: checkedLookup(allow, resolve) });
    dispatcher = new Agent({
      connect(options, callback) {
        const host = options.hostname.replace(/^\[|\]$/g, '').toLowerCase();
        // Node opens an IP address without a lookup, so it is checked here.
        const refused = isIP(host) !== 0 && !allow.hosts.has(host) ? refusal(`${options.protocol}//${options.hostname}:${options.port}/`, host, [host], allow) : null;
        if (refused) callback(refused, null);
        else connect(options, callback);
      },
    });
    byResolver.set(resolve, dispatcher);
  }
  return dispatcher;
}

/** A `net.connect` lookup that answers only with addresses the policy lets through, and fails otherwise. */
function checkedLookup(allow: AllowList, resolve: Resolver): LookupFunction {
  const checked = async (hostname: string, family: number | undefined): Promise<string[]> => {
    const host = hostname.toLowerCase().replace(/\.$/, '');
    const addresses = await resolve(host);
    if (addresses.length === 0) throw new SourceError(hostname, 'network', `cannot resolve ${host}: no addresses`);
    const refused = allow.hosts.has(host) ? null : refusal(hostname, host, addresses, allow);
    if (refused) throw refused;
    const wanted = family === 4 || family === 6 ? addresses.filter((address) => isIP(address) === family) : addresses;
    if (wanted.length === 0) throw new SourceError(hostname, 'network', `cannot resolve ${host}: no IPv${family} address`);
    return wanted;
  };
  return (hostname, options, callback) => {
    checked(hostname, options.family === 4 || options.family === 6 ? options.family : undefined).then(
      (addresses) =>
        options.all
          ? callback(null, addresses.map((address) => ({ address, family: isIP(address) })))
          : callback(null, addresses[0]!, isIP(addresses[0]!)),
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };
}
