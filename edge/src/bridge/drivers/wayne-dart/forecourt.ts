import { join } from 'node:path';
import type { Logger } from '@hearth/platform';
import type { PumpDeviceConfig } from '../../config/site-config.schema';
import type { CommandRoute } from '../../uplink/command-subscription';
import { PumpController, type PumpChannel } from './pump-controller';
import { PumpLedger } from './pump-ledger';

export interface ForecourtOptions {
  devices: PumpDeviceConfig[];
  /** Where each pump's ledger lives (`buffer.dir/pumps`). */
  ledgerDir: string;
  /** Journals one message of a pump; the uplink delivers it. */
  publish: (deviceId: string, channel: PumpChannel, body: Record<string, unknown>) => void;
  logger: Logger;
  now: () => Date;
}

/**
 * The site's pumps: one controller each, living as long as the bridge (a sale outlives a serial line
 * reopened under it), reached by the DART driver's pollers and by Hearth's commands.
 */
export class Forecourt {
  private readonly controllers = new Map<string, PumpController>();
  readonly commands: CommandRoute;

  constructor(options: ForecourtOptions) {
    for (const device of options.devices) {
      const controller = new PumpController({
        device,
        ledger: PumpLedger.open(options.ledgerDir, device.deviceId),
        publish: (channel, body) => options.publish(device.deviceId, channel, body),
        logger: options.logger.child({ deviceId: device.deviceId }),
        now: options.now,
      });
      this.controllers.set(device.deviceId, controller);
    }
    this.commands = {
      devices: options.devices.map((d) => ({ kind: 'pump', deviceId: d.deviceId })),
      onCommand: ({ deviceId, payload }) => this.controllers.get(deviceId)?.command(payload),
    };
  }

  static ledgerDir = (bufferDir: string): string => join(bufferDir, 'pumps');

  controller(deviceId: string): PumpController {
    const controller = this.controllers.get(deviceId);
    if (!controller) throw new Error(`no pump ${deviceId} on this forecourt`);
    return controller;
  }
}
