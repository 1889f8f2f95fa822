import type { Logger } from '@hearth/platform';
import type { Dlt645DeviceConfig } from '../../config/site-config.schema';
import type { CommandRoute } from '../../uplink/command-subscription';
import { MeterController, type MeterChannel } from './meter-controller';

export interface SiteMetersOptions {
  devices: Dlt645DeviceConfig[];
  /** Journals one message of a meter; the uplink delivers it. */
  publish: (deviceId: string, channel: MeterChannel, body: Record<string, unknown>) => void;
  logger: Logger;
  now: () => Date;
}

/**
 * The site's DL/T 645 meters: one controller each, living as long as the bridge (a command queued
 * outlives a serial line reopened under it), reached by the driver's pollers and by Hearth's commands.
 */
export class SiteMeters {
  private readonly controllers = new Map<string, MeterController>();
  readonly commands: CommandRoute;

  constructor(options: SiteMetersOptions) {
    for (const device of options.devices) {
      const controller = new MeterController({
        device,
        publish: (channel, body) => options.publish(device.deviceId, channel, body),
        logger: options.logger.child({ deviceId: device.deviceId }),
        now: options.now,
      });
      this.controllers.set(device.deviceId, controller);
    }
    this.commands = {
      devices: options.devices.map((d) => ({ kind: 'meter', deviceId: d.deviceId })),
      onCommand: ({ deviceId, payload }) => this.controllers.get(deviceId)?.command(payload),
    };
  }

  controller(deviceId: string): MeterController {
    const controller = this.controllers.get(deviceId);
    if (!controller) throw new Error(`no meter ${deviceId} at this site`);
    return controller;
  }
}
