import type { Logger } from '@hearth/platform';
import { FieldReadError, type DeviceReader, type OpenLine, type TankReading } from '../drivers/field-driver';

export interface PortPollerOptions {
  name: string;
  open: () => Promise<OpenLine>;
  onReadings: (reader: DeviceReader, readings: TankReading[]) => void;
  onFailure: (reader: DeviceReader | null, failure: FieldReadError) => void;
  logger: Logger;
  /** Back-off while the line cannot be opened (USB adapter unplugged…), doubling up to the max. */
  reopenMinMs?: number;
  reopenMaxMs?: number;
}

/**
 * Polls the devices of one serial line, one transaction at a time (a bus carries one conversation):
 * each device when it is due, the most overdue first. A lost line is reopened with back-off.
 */
export class PortPoller {
  private running = false;
  private loop?: Promise<void>;
  private line?: OpenLine;
  private wakeUp?: () => void;

  constructor(private readonly options: PortPollerOptions) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    await this.line?.close().catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { logger } = this.options;
    let reopenDelay = this.options.reopenMinMs ?? 1_000;
    const due = new Map<DeviceReader, number>();
    while (this.running) {
      if (!this.line?.isOpen()) {
        await this.line?.close().catch(() => undefined);
        try {
          this.line = await this.options.open();
          reopenDelay = this.options.reopenMinMs ?? 1_000;
          // The readers of a line closed before are gone with it.
          due.clear();
          for (const reader of this.line.readers) {
            due.set(reader, Date.now());
            reader.setReadSoon?.(() => {
              if (!due.has(reader)) return;
              due.set(reader, Math.min(due.get(reader)!, Date.now()));
              this.wakeUp?.();
            });
          }
          logger.info({ devices: this.line.readers.map((r) => r.label) }, 'serial line open');
        } catch (err) {
          this.options.onFailure(null, new FieldReadError('no-answer', 'port-unavailable', (err as Error).message));
          await this.sleep(reopenDelay);
          reopenDelay = Math.min(reopenDelay * 2, this.options.reopenMaxMs ?? 30_000);
          continue;
        }
      }
      const [reader, at] = [...due.entries()].reduce((a, b) => (b[1] < a[1] ? b : a));
      if (at > Date.now()) {
        await this.sleep(at - Date.now());
        continue;
      }
      try {
        this.options.onReadings(reader, await reader.read());
      } catch (err) {
        this.options.onFailure(reader, err instanceof FieldReadError ? err : new FieldReadError('no-answer', 'port', (err as Error).message));
      }
      // Next poll one interval after the planned one, but never in a burst to catch up after a stall.
      due.set(reader, Math.max(at + reader.pollIntervalMs, Date.now()));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
