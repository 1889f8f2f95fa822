import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { epochNow } from './stats';

const ENTRY = fileURLToPath(new URL('./bare-broker-process.ts', import.meta.url));

export type BareBrokerCommand = { type: 'clock'; id: number } | { type: 'stamp' } | { type: 'collect' } | { type: 'exit' };
export type BareBrokerReport =
  | { type: 'listening'; port: number }
  | { type: 'clock'; id: number; at: number }
  | { type: 'stamping' }
  | { type: 'collected'; delivered: number; stamps: [number, number][] };

/** A bare Aedes broker in its own process (the ceiling of `ingest` and `live-latency`). */
export class BareBroker {
  private constructor(
    private readonly child: ChildProcess,
    readonly mqttUrl: string,
  ) {}

  static async start(): Promise<BareBroker> {
    const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
    const child = fork(ENTRY, [], { execArgv: [...profile, '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = await next(child, 'listening');
    return new BareBroker(child, `mqtt://127.0.0.1:${ready.port}`);
  }

  /**
   * How far the broker's clock is ahead of ours (ms), so delivery times it reports can be set
   * against our publish times: the round trip with the least delay bounds the error by half of it.
   */
  async clockOffset(rounds = 30): Promise<{ offsetMs: number; errorMs: number }> {
    let best = { offsetMs: 0, errorMs: Number.POSITIVE_INFINITY };
    for (let id = 0; id < rounds; id++) {
      const t0 = epochNow();
      const reply = next(this.child, 'clock');
      this.child.send({ type: 'clock', id } satisfies BareBrokerCommand);
      const { at } = await reply;
      const t1 = epochNow();
      if ((t1 - t0) / 2 < best.errorMs) best = { offsetMs: at - (t0 + t1) / 2, errorMs: (t1 - t0) / 2 };
    }
    return best;
  }

  /** From now on record the delivery time of each message (by `seq`). */
  async stamp(): Promise<void> {
    const reply = next(this.child, 'stamping');
    this.child.send({ type: 'stamp' } satisfies BareBrokerCommand);
    await reply;
  }

  /** What the subscriber received since the last collect; resets the counters. */
  async collect(): Promise<{ delivered: number; stamps: [number, number][] }> {
    const reply = next(this.child, 'collected');
    this.child.send({ type: 'collect' } satisfies BareBrokerCommand);
    return reply;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'exit' } satisfies BareBrokerCommand);
    await exited;
  }
}

function next<T extends BareBrokerReport['type']>(child: ChildProcess, type: T): Promise<Extract<BareBrokerReport, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bare broker exited with ${code}`));
    const onMessage = (m: BareBrokerReport) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as Extract<BareBrokerReport, { type: T }>);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
