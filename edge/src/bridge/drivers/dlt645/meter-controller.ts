import type { Logger } from '@hearth/platform';
import type { Dlt645DeviceConfig } from '../../config/site-config.schema';
import { FieldReadError } from '../field-driver';
import { commandIdOf } from '../wayne-dart/pump-command';
import { dataId, type RelayState } from './dlt645-data';
import type { Dlt645Link } from './dlt645-link';
import { clockIn, meterCommandSchema, operationOf, type MeterCommand } from './meter-command';

export type MeterChannel = 'telemetry' | 'command/ack';
export type MeterPublish = (channel: MeterChannel, body: Record<string, unknown>) => void;

export interface MeterControllerOptions {
  device: Dlt645DeviceConfig;
  publish: MeterPublish;
  logger: Logger;
  now: () => Date;
}

/**
 * One DL/T 645 meter, kept across line reopenings: each poll reads its register (and remaining money
 * and relay as configured) and publishes them; Hearth's relay commands wait in an outbox and go first
 * at the next poll, which they ask the poller to hold at once. A relay command is sent once: a meter
 * that does not answer it is not asked again (the twin reads the relay back, it does not repeat).
 */
export class MeterController {
  private readonly outbox: MeterCommand[] = [];
  /** Commands queued or answered: QoS 1 may deliver one twice, it is carried out once. */
  private readonly seen = new Set<string>();
  private readSoon?: () => void;

  constructor(private readonly options: MeterControllerOptions) {}

  setReadSoon(readSoon: () => void): void {
    this.readSoon = readSoon;
  }

  command(payload: unknown): void {
    const parsed = meterCommandSchema.safeParse(payload);
    if (!parsed.success) {
      const id = commandIdOf(payload);
      if (id) this.ack(id, 'rejected', `not a meter command: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      else this.options.logger.warn('meter command without an id ignored');
      return;
    }
    const cmd = parsed.data;
    if (this.seen.has(cmd.id)) return;
    this.remember(cmd.id);
    if (this.expired(cmd)) return this.ack(cmd.id, 'rejected', `expired at ${cmd.expiresAt}`);
    if (cmd.action !== 'READ_RELAY' && !this.options.device.password)
      return this.ack(cmd.id, 'rejected', 'no relay-control password is configured for this meter');
    this.outbox.push(cmd);
    this.readSoon?.();
  }

  /**
   * One poll: waiting commands first, then the readings. Throws the first failure, after publishing
   * what was read. A command whose `expiresAt` has passed while it waited (the line was down) is
   * rejected `expired`, not sent: the twin has given up on it and read the relay back already.
   */
  async cycle(link: Dlt645Link): Promise<void> {
    const commands = this.outbox.splice(0);
    const relayReads: string[] = [];
    for (const cmd of commands) {
      if (cmd.action !== 'READ_RELAY') continue;
      if (this.expired(cmd)) this.ack(cmd.id, 'rejected', 'expired');
      else relayReads.push(cmd.id);
    }
    let failure: FieldReadError | undefined;
    for (const cmd of commands) {
      if (cmd.action === 'READ_RELAY') continue;
      // Checked just before it goes: an operate before it may have taken the line's whole timeout.
      if (this.expired(cmd)) {
        this.ack(cmd.id, 'rejected', 'expired');
        continue;
      }
      if (failure) {
        this.ack(cmd.id, 'rejected', `not sent: the meter did not answer the command before it (${failure.message})`);
        continue;
      }
      failure = await this.operate(link, cmd.id, cmd.action);
    }
    try {
      const { reading, problem } = await this.read(link, commands.length > 0 || this.options.device.readRelay);
      this.options.publish('telemetry', reading);
      for (const id of relayReads) reading.relay ? this.ack(id, 'done') : this.ack(id, 'rejected', `relay not read: ${problem?.message}`);
      failure ??= problem;
    } catch (err) {
      if (!(err instanceof FieldReadError)) throw err;
      for (const id of relayReads) this.ack(id, 'rejected', `relay not read: ${err.message}`);
      failure ??= err;
    }
    // A command that came while this poll was on the bus: the poller plans the next poll once this one returns, so ask after that.
    if (this.outbox.length > 0) setImmediate(() => this.readSoon?.());
    if (failure) throw failure;
  }

  /** 1CH: done on the meter's normal answer, rejected with its reason on a refusal or on silence. */
  private async operate(link: Dlt645Link, id: string, action: keyof typeof operationOf): Promise<FieldReadError | undefined> {
    const { device, logger, now } = this.options;
    const validUntil = clockIn(new Date(now().getTime() + device.commandValidityMinutes * 60_000), device.timeZone);
    try {
      const answer = await link.relayControl({
        passwordLevel: device.password!.level,
        password: device.password!.code,
        operator: device.operator,
        operation: operationOf[action],
        validUntil,
      });
      logger.info({ action, id, ...(answer.ok ? {} : { refused: answer.detail }) }, 'meter relay command');
      if (answer.ok) this.ack(id, 'done');
      else this.ack(id, 'rejected', answer.detail);
      return undefined;
    } catch (err) {
      if (!(err instanceof FieldReadError)) throw err;
      // Silence or a garbled answer: the meter may have switched or not; its relay is read next, the command is not repeated.
      this.ack(id, 'rejected', `no usable answer from the meter (${err.reason}): ${err.message}; the relay is read back`);
      return err;
    }
  }

  /** The register, then what else is asked; a failure after the register leaves it out and is reported with the reading. */
  private async read(link: Dlt645Link, withRelay: boolean): Promise<{ reading: Reading; problem?: FieldReadError }> {
    const reading: Reading = { registerKwh: (await link.readHundredths(dataId.forwardActiveEnergy)) / 100 };
    let problem: FieldReadError | undefined;
    const extra = async (read: () => Promise<void>) => {
      if (problem) return;
      await read().catch((err: unknown) => {
        if (!(err instanceof FieldReadError)) throw err;
        problem = err;
      });
    };
    if (this.options.device.remainingMoney) await extra(async () => void (reading.remainingMoneyMinor = await link.readHundredths(dataId.remainingMoney)));
    if (withRelay) await extra(async () => void (reading.relay = await link.readRelay(dataId.statusWord3)));
    return { reading, problem };
  }

  /** Whether the command's deadline has passed (a command without one never expires). */
  private expired(cmd: MeterCommand): boolean {
    return cmd.expiresAt !== undefined && Date.parse(cmd.expiresAt) <= this.options.now().getTime();
  }

  private remember(id: string): void {
    this.seen.add(id);
    // Ids of the last few hundred commands are enough to recognise a redelivery.
    if (this.seen.size > 500) this.seen.delete(this.seen.values().next().value!);
  }

  private ack(id: string, status: 'rejected' | 'done', reason?: string): void {
    this.options.publish('command/ack', { id, status, ...(reason ? { reason } : {}) });
  }
}

/** Meter telemetry (hearth/v1/{gatewayId}/meter/{meterId}/telemetry) without ts and seq, which the bridge adds. */
interface Reading extends Record<string, unknown> {
  registerKwh: number;
  /** Fen: the meter's XXXXXX.XX yuan in hundredths. */
  remainingMoneyMinor?: number;
  relay?: RelayState;
}
