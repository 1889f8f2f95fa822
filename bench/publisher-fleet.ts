import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SeededGateway } from './seed-fleet';

const ENTRY = fileURLToPath(new URL('./publisher-process.ts', import.meta.url));

export type PublisherCommand =
  | { type: 'connect'; mqttUrl: string; gateways: SeededGateway[]; window: number }
  | { type: 'disconnect' }
  | { type: 'prime' }
  | { type: 'run'; measureFrom: number; until: number }
  | { type: 'exit' };

export type PublisherReport =
  | { type: 'connected' }
  | { type: 'disconnected' }
  | { type: 'primed'; acked: number; failed: number }
  | { type: 'done'; acked: number; ackedInWindow: number; failed: number }
  | { type: 'error'; message: string };

export interface OfferedLoad {
  acked: number;
  failed: number;
  /** PUBACKs per second between the end of the warm-up and the end of the run, over all processes. */
  messagesPerSecond: number;
}

/**
 * Publishers as separate OS processes (MQTT.js over TCP), so the load they offer does not share
 * an event loop with what is measured. Gateways are dealt round-robin to the processes.
 */
export class PublisherFleet {
  private constructor(private readonly children: ChildProcess[]) {}

  static start(processes: number): PublisherFleet {
    return new PublisherFleet(
      Array.from({ length: processes }, () => fork(ENTRY, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })),
    );
  }

  /** Connects every gateway (one MQTT connection each) to a broker. */
  async connect(options: { mqttUrl: string; gateways: SeededGateway[]; window: number }): Promise<void> {
    const n = this.children.length;
    await this.all(
      (_, i) => ({ type: 'connect', mqttUrl: options.mqttUrl, window: options.window, gateways: options.gateways.filter((_, g) => g % n === i) }),
      'connected',
    );
  }

  async disconnect(): Promise<void> {
    await this.all(() => ({ type: 'disconnect' }), 'disconnected');
  }

  /** One message from every device at once; resolves when all are acknowledged. */
  async prime(): Promise<{ acked: number; failed: number; seconds: number }> {
    const started = performance.now();
    const reports = await this.all(() => ({ type: 'prime' }), 'primed');
    return {
      acked: reports.reduce((n, r) => n + r.acked, 0),
      failed: reports.reduce((n, r) => n + r.failed, 0),
      seconds: (performance.now() - started) / 1000,
    };
  }

  /** Publishes for `seconds`; the first `warmupSeconds` are not counted in the rate. Resolves once every message is acknowledged. */
  async run(seconds: number, warmupSeconds: number): Promise<OfferedLoad> {
    const start = Date.now() + 200;
    const measureFrom = start + warmupSeconds * 1000;
    const until = start + seconds * 1000;
    const reports = await this.all(() => ({ type: 'run', measureFrom, until }), 'done');
    const sum = (k: 'acked' | 'ackedInWindow' | 'failed') => reports.reduce((n, r) => n + r[k], 0);
    return { acked: sum('acked'), failed: sum('failed'), messagesPerSecond: Math.round(sum('ackedInWindow') / ((until - measureFrom) / 1000)) };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.children.map((c) =>
        c.exitCode !== null ? undefined : new Promise((resolve) => (c.once('exit', resolve), c.send({ type: 'exit' } satisfies PublisherCommand))),
      ),
    );
  }

  private all<T extends PublisherReport['type']>(
    command: (child: ChildProcess, i: number) => PublisherCommand,
    expect: T,
  ): Promise<Extract<PublisherReport, { type: T }>[]> {
    return Promise.all(
      this.children.map(
        (child, i) =>
          new Promise<Extract<PublisherReport, { type: T }>>((resolve, reject) => {
            const onExit = (code: number | null) => reject(new Error(`publisher process exited with ${code}`));
            child.once('exit', onExit);
            child.once('message', (report: PublisherReport) => {
              child.off('exit', onExit);
              if (report.type === expect) resolve(report as Extract<PublisherReport, { type: T }>);
              else reject(new Error(`publisher process: ${report.type === 'error' ? report.message : `unexpected ${report.type}`}`));
            });
            child.send(command(child, i));
          }),
      ),
    );
  }
}
