/**
 * The operator's exceptions to the address guard (FEEDFOLD_ALLOW_PRIVATE_HOSTS)
 * and who added a source. Kept apart from address-guard.ts, which loads the
 * HTTP client, so that reading the config costs nothing.
 */
import { BlockList, isIP } from 'node:net';
import { ConfigError } from '../errors.js';

/** Host names and networks the operator lets through the guard. */
export interface AllowList {
  /** Lower-case host names, matched exactly. */
  hosts: ReadonlySet<string>;
  networks: BlockList;
  /** The entries as configured, for messages. */
  entries: readonly string[];
}

export const EMPTY_ALLOW_LIST: AllowList = { hosts: new Set(), networks: new BlockList(), entries: [] };

/**
 * `host1,10.0.0.0/8,::1,fd00::/8` → an allow-list. Entries are host names,
 * single addresses or CIDR networks; anything else is a ConfigError naming it.
 */
export function parseAllowList(text: string | undefined, name = 'FEEDFOLD_ALLOW_PRIVATE_HOSTS'): AllowList {
  const entries = (text ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const hosts = new Set<string>();
  const networks = new BlockList();
  for (const entry of entries) {
    const [address, prefixText] = entry.replace(/^\[|\](?=\/|$)/g, '').split('/') as [string, string | undefined];
    const family = isIP(address);
    if (family !== 0) {
      const type = family === 4 ? 'ipv4' : 'ipv6';
      const max = family === 4 ? 32 : 128;
      const prefix = prefixText === undefined ? max : Number(prefixText);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) throw new ConfigError(`${name}: bad network prefix in "${entry}"`);
      networks.addSubnet(address, prefix, type);
      continue;
    }
    if (prefixText !== undefined || !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(entry)) {
      throw new ConfigError(`${name}: "${entry}" is neither a host name, an IP address nor a CIDR network`);
    }
    hosts.add(entry.toLowerCase().replace(/\.$/, ''));
  }
  return { hosts, networks, entries };
}

/** How a source came to be subscribed; only the local operator's own additions skip the guard. */
export type AddedVia = 'cli' | 'api' | 'reader';

/** True when the source was added from outside (API or reader) and every fetch of it must be guarded. */
export function isRemotelyAdded(state: Readonly<Record<string, unknown>>): boolean {
  const via = state['addedVia'];
  return via !== undefined && via !== 'cli';
}
