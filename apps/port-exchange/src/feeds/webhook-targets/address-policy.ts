import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may not go: addresses of the platform's own network and of the machine it runs on.
 * A subscription to one of them would let an outsider make port-exchange send requests inside (and
 * read the outcome as a port scanner). Checked on the resolved address, at subscription and again
 * at every connection (DNS may answer differently the second time).
 */
const RANGES: { kind: string; ipv4?: [string, number][]; ipv6?: [string, number][] }[] = [
  { kind: 'a cloud metadata address', ipv4: [['169.254.169.254', 32]], ipv6: [['fd00:ec2::254', 128]] },
  { kind: 'the unspecified address', ipv4: [['0.0.0.0', 8]], ipv6: [['::', 128]] },
  { kind: 'a loopback address', ipv4: [['127.0.0.0', 8]], ipv6: [['::1', 128]] },
  {
    kind: 'a private address',
    ipv4: [
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
    ],
    ipv6: [['fc00::', 7]],
  },
  { kind: 'a shared (CGNAT) address', ipv4: [['100.64.0.0', 10]] },
  {
    kind: 'a link-local address',
    ipv4: [['169.254.0.0', 16]],
    ipv6: [
      ['fe80::', 10],
      ['fec0::', 10],
    ],
  },
  { kind: 'a multicast address', ipv4: [['224.0.0.0', 4]], ipv6: [['ff00::', 8]] },
  {
    kind: 'a reserved address',
    ipv4: [
      ['192.0.0.0', 24],
      ['192.0.2.0', 24],
      ['192.88.99.0', 24],
      ['198.18.0.0', 15],
      ['198.51.100.0', 24],
      ['203.0.113.0', 24],
      ['240.0.0.0', 4],
    ],
    ipv6: [
      ['::', 96], // IPv4-compatible (deprecated)
      ['64:ff9b::', 96], // NAT64: the IPv4 address inside is not checked, so it is refused
      ['100::', 64],
      ['2001:db8::', 32],
      ['2002::', 16], // 6to4: idem
    ],
  },
];

const LISTS = RANGES.map(({ kind, ipv4 = [], ipv6 = [] }) => {
  const list = new BlockList();
  for (const [network, prefix] of ipv4) list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of ipv6) list.addSubnet(network, prefix, 'ipv6');
  return { kind, list };
});

/** An IP address (IPv4, IPv6, IPv4-mapped IPv6) as what makes it unfit for a webhook, or null when it is public. */
export function forbiddenKind(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return LISTS.find(({ list }) => list.check(address, type))?.kind ?? null;
}

/** What an operator allows despite the rules above (WEBHOOK_ALLOWED_HOSTS, WEBHOOK_ALLOWED_CIDRS). */
export interface AllowList {
  hosts: ReadonlySet<string>;
  cidrs: BlockList;
}

/** Parses the comma-separated settings; every entry that is not a host name or a CIDR is named. */
export function parseAllowList(
  hosts: string | undefined,
  cidrs: string | undefined,
): { allow: AllowList; problems: string[] } {
  const problems: string[] = [];
  const list = new BlockList();
  for (const entry of splitList(cidrs)) {
    const [network, prefixText, extra] = entry.split('/');
    const family = isIP(network);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (family === 0 || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      problems.push(`WEBHOOK_ALLOWED_CIDRS: "${entry}" is not an address or CIDR such as 10.1.0.0/16`);
      continue;
    }
    list.addSubnet(network, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  const names = splitList(hosts).map((host) => host.toLowerCase().replace(/^\[|\]$/g, ''));
  for (const name of names) {
    if (!/^[a-z0-9.:_-]{1,253}$/.test(name)) {
      problems.push(`WEBHOOK_ALLOWED_HOSTS: "${name}" is not a host name`);
    }
  }
  return { allow: { hosts: new Set(names), cidrs: list }, problems };
}

export function isAllowedHost(allow: AllowList, hostname: string): boolean {
  return allow.hosts.has(bare(hostname));
}

/** Why an address a host resolved to may not receive webhooks, or null when it may. */
export function addressProblem(allow: AllowList, address: string): string | null {
  const kind = forbiddenKind(address);
  if (kind === null) return null;
  const family = isIP(address);
  if (family !== 0 && allow.cidrs.check(address, family === 4 ? 'ipv4' : 'ipv6')) return null;
  return kind;
}

/** A URL's host name without IPv6 brackets, lower case. */
export function bare(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[|\]$/g, '');
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
