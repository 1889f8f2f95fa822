import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** Loopback, RFC 1918, link-local and RFC 4193 unique-local ranges: where a balancer in the same private network connects from. */
const PRIVATE_RANGES = ['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '::1/128', 'fc00::/7', 'fe80::/10'];

/** A GATEWAY_TRUSTED_PROXIES entry: an address, a CIDR range, or `private` (every private range). */
export function isProxyEntry(entry: string): boolean {
  if (entry === 'private') return true;
  const [address = '', bits, extra] = entry.split('/');
  const version = isIP(address);
  if (!version || extra !== undefined) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

/** The load balancers whose X-Forwarded-For the gateway believes; undefined when there are none (the default). */
export function trustedProxies(entries: readonly string[]): BlockList | undefined {
  if (entries.length === 0) return undefined;
  const list = new BlockList();
  for (const entry of entries.flatMap((e) => (e === 'private' ? PRIVATE_RANGES : [e]))) {
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

const plain = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
const isTrusted = (trusted: BlockList, address: string) => isIP(address) !== 0 && trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * The address a request comes from, for the per-address login throttle and keys restricted to
 * addresses. Behind a load balancer the socket's peer is the balancer, so every caller would
 * share one address (and one login allowance); when the peer is a trusted proxy the caller is
 * the right-most X-Forwarded-For hop that is not one. Each proxy appends the address it was
 * called from, so hops further left may have been written by the caller itself and are never
 * believed. Without trusted proxies the header is ignored.
 */
export function clientAddress(req: IncomingMessage, trusted: BlockList | undefined): string | undefined {
  const peer = req.socket.remoteAddress;
  if (!trusted || !peer || !isTrusted(trusted, plain(peer))) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map(plain).filter(Boolean);
  let address = plain(peer);
  while (hops.length > 0 && isTrusted(trusted, address)) address = hops.pop()!;
  return address;
}
