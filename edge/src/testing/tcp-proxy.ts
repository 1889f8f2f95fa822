import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP forwarder between the bridge and a broker, for outages on demand: a partition loses
 * the bytes in flight (as a dead uplink does) before the connections drop, and the broker can come
 * back on another port behind the same URL.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  /** Bytes towards the broker are lost. */
  private down = false;
  /** Bytes back from the broker (its PUBACKs) are lost. */
  private deaf = false;

  private constructor(
    private readonly server: Server,
    private targetPort: number,
  ) {
    server.on('connection', (client) => {
      if (this.down) {
        client.destroy();
        return;
      }
      const upstream = connect(this.targetPort, '127.0.0.1');
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(from);
        from.on('data', (chunk: Buffer) => {
          const lost = from === client ? this.down : this.down || this.deaf;
          if (!lost) to.write(chunk);
        });
        from.on('error', () => undefined);
        from.on('close', () => {
          this.sockets.delete(from);
          to.destroy();
        });
      }
    });
  }

  static async start(targetPort: number): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new TcpProxy(server, targetPort);
  }

  get url(): string {
    return `mqtt://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  /**
   * A failing uplink in two stages: for `acksLostMs` what the broker sends back is lost (it stores
   * PUBLISHes whose PUBACK never arrives), then for `allLostMs` everything is (PUBLISHes never arrive);
   * then the connections drop and new ones are refused until `heal`.
   */
  async partition(acksLostMs: number, allLostMs: number): Promise<void> {
    this.deaf = true;
    await new Promise((resolve) => setTimeout(resolve, acksLostMs));
    this.down = true;
    await new Promise((resolve) => setTimeout(resolve, allLostMs));
    for (const s of this.sockets) s.destroy();
  }

  /** Forwards again, to `port` from now on if given. */
  heal(port?: number): void {
    if (port !== undefined) this.targetPort = port;
    this.down = false;
    this.deaf = false;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
