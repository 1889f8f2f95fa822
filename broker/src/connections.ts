import type { Client } from 'aedes';
import type { ConnectRequest } from './client-ids';

interface ConnectionInfo {
  /** The peer's IP address (IPv4-mapped IPv6 written as IPv4), what per-address limits key on. */
  address: string;
  /** What its CONNECT asked for; set once CONNECT is read. */
  request?: ConnectRequest;
}

/** What the broker knows of a connection before (and whether or not) a gateway authenticates on it. */
export class Connections {
  private readonly byClient = new WeakMap<Client, ConnectionInfo>();

  opened(client: Client, address: string): void {
    this.byClient.set(client, { address });
  }

  connectRead(client: Client, request: ConnectRequest): void {
    const info = this.byClient.get(client);
    if (info) info.request = request;
  }

  addressOf(client: Client): string {
    return this.byClient.get(client)?.address ?? 'unknown';
  }

  requestOf(client: Client): ConnectRequest | undefined {
    return this.byClient.get(client)?.request;
  }
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one peer. */
export const normaliseAddress = (address: string | undefined): string => (address ? address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '') : 'unknown');
