import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mqtt, { type MqttClient } from 'mqtt';

/** A metering gateway the publisher plays: one MQTT connection, its meters' ids. */
export interface MeterGateway {
  id: string;
  secret: string;
  meters: string[];
}

type Command =
  | { type: 'connect'; mqttUrl: string; gateways: MeterGateway[] }
  | { type: 'burst'; from: number; count: number; registerKwh: number }
  | { type: 'paced'; from: number; rate: number; seconds: number; registerKwh: number }
  | { type: 'exit' };

type Report =
  | { type: 'connected' }
  | { type: 'burst'; firstAt: number; lastAt: number; ackedAt: number; cpuSeconds: number }
  | { type: 'paced'; at: number[]; ackedAt: number; cpuSeconds: number }
  | { type: 'error'; message: string };

const ENTRY = fileURLToPath(import.meta.url);

/**
 * The metering bench's meters, played by a process of their own (so the load offered does not
 * share an event loop with what is measured): one MQTT connection per gateway, QoS 1 telemetry
 * `{ ts, seq, registerKwh }` as the meter kind's contract says, meters addressed by their index in
 * the gateways' lists taken in order. Times are `performance.timeOrigin + performance.now()`,
 * comparable with the bench process's.
 */
export class MeterPublisher {
  private constructor(private readonly child: ChildProcess) {}

  static start(): MeterPublisher {
    return new MeterPublisher(fork(ENTRY, ['--child'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }

  async connect(mqttUrl: string, gateways: MeterGateway[]): Promise<void> {
    await this.ask({ type: 'connect', mqttUrl, gateways }, 'connected');
  }

  /** One reading from each of `count` meters from `from`, all at once; resolves when every one is acknowledged (stored). */
  burst(from: number, count: number, registerKwh: number) {
    return this.ask({ type: 'burst', from, count, registerKwh }, 'burst');
  }

  /** `rate` readings a second for `seconds`, one from each meter from `from` in turn; `at[k]` is when meter `from + k`'s was published. */
  paced(from: number, rate: number, seconds: number, registerKwh: number) {
    return this.ask({ type: 'paced', from, rate, seconds, registerKwh }, 'paced');
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await new Promise((resolve) => (this.child.once('exit', resolve), this.child.send({ type: 'exit' } satisfies Command)));
  }

  private ask<T extends Report['type']>(command: Command, expect: T): Promise<Extract<Report, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`meter publisher exited with ${code}`));
      this.child.once('exit', onExit);
      this.child.once('message', (report: Report) => {
        this.child.off('exit', onExit);
        if (report.type === expect) resolve(report as Extract<Report, { type: T }>);
        else reject(new Error(`meter publisher: ${report.type === 'error' ? report.message : `unexpected ${report.type}`}`));
      });
      this.child.send(command);
    });
  }
}

// ---- the child process ----

const now = (): number => performance.timeOrigin + performance.now();
let meters: { client: MqttClient; topic: string }[] = [];
let clients: MqttClient[] = [];
let seq = 0;

async function handle(cmd: Command): Promise<Report | null> {
  switch (cmd.type) {
    case 'connect': {
      clients = await Promise.all(
        cmd.gateways.map((g) =>
          mqtt.connectAsync(cmd.mqttUrl, { username: g.id, password: g.secret, clientId: `${g.id}-meters`, reconnectPeriod: 0, keepalive: 60 }),
        ),
      );
      meters = cmd.gateways.flatMap((g, k) => g.meters.map((id) => ({ client: clients[k]!, topic: `hearth/v1/${g.id}/meter/${id}/telemetry` })));
      return { type: 'connected' };
    }
    case 'burst': {
      const cpu = process.cpuUsage();
      const firstAt = now();
      const acks: Promise<unknown>[] = [];
      for (let k = 0; k < cmd.count; k++) acks.push(publish(cmd.from + k, cmd.registerKwh));
      const lastAt = now();
      await Promise.all(acks);
      return { type: 'burst', firstAt, lastAt, ackedAt: now(), cpuSeconds: cpuSeconds(cpu) };
    }
    case 'paced': {
      const cpu = process.cpuUsage();
      const total = Math.round(cmd.rate * cmd.seconds);
      const at: number[] = [];
      const acks: Promise<unknown>[] = [];
      const started = performance.now();
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * cmd.rate));
          while (at.length < due) {
            at.push(now());
            acks.push(publish(cmd.from + at.length - 1, cmd.registerKwh));
          }
          if (at.length >= total) {
            clearInterval(timer);
            resolve();
          }
        }, 2);
      });
      await Promise.all(acks);
      return { type: 'paced', at, ackedAt: now(), cpuSeconds: cpuSeconds(cpu) };
    }
    case 'exit':
      await Promise.all(clients.map((c) => c.endAsync()));
      process.exit(0);
  }
}

function publish(index: number, registerKwh: number): Promise<unknown> {
  const meter = meters[index];
  if (!meter) throw new Error(`no meter ${index}`);
  return meter.client.publishAsync(meter.topic, JSON.stringify({ ts: new Date().toISOString(), seq: ++seq, registerKwh }), { qos: 1 });
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

if (process.argv.includes('--child')) {
  process.on('disconnect', () => process.exit(1));
  process.on('message', (cmd: Command) => {
    void handle(cmd).then(
      (report) => report && process.send!(report),
      (err: unknown) => {
        process.send!({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies Report);
        process.exit(1);
      },
    );
  });
}
