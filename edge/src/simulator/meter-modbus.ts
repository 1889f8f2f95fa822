import type { ModbusModel } from '../bridge/config/site-config.schema';
import { eastronSdm120 } from '../bridge/drivers/modbus/meter-models';
import type { SerialBinding, SerialSettings } from '../serial/open-serial-port';
import { SimulatedMeter, type SimulatedMeterSpec } from './meter-state';
import { ModbusGaugeSimulator } from './serial/modbus-gauge-simulator';

export interface ModbusMeterSimulatorOptions {
  line: SerialSettings;
  binding?: SerialBinding;
  /** `address` is the unit id ('1'…'247'). Modbus meters here have no relay the bridge can switch. */
  meters: SimulatedMeterSpec[];
  /** The meters' register map (default the Eastron SDM120's). */
  model?: ModbusModel;
  tickMs?: number;
  timeScale?: number;
  paceToBaudRate?: boolean;
  random?: () => number;
}

/**
 * Modbus RTU electricity meters on one line: the Modbus slave is the bridge's own gauge simulator
 * serving a meter's register map; each meter's register grows with its load profile.
 */
export class ModbusMeterSimulator {
  readonly meters = new Map<number, SimulatedMeter>();
  private readonly ticker: NodeJS.Timeout;

  private constructor(
    readonly slave: ModbusGaugeSimulator,
    options: ModbusMeterSimulatorOptions,
  ) {
    const random = options.random ?? Math.random;
    for (const spec of options.meters) this.meters.set(Number(spec.address), new SimulatedMeter(spec, () => 0.9 + 0.2 * random()));
    let last = performance.now();
    let simulated = Date.now();
    this.ticker = setInterval(() => {
      const elapsed = (performance.now() - last) * (options.timeScale ?? 1);
      last = performance.now();
      simulated += elapsed;
      for (const [unit, meter] of this.meters) {
        meter.advance(elapsed, new Date(simulated));
        slave.setValues(unit, { registerKwh: meter.registerKwh });
      }
    }, options.tickMs ?? 1_000);
  }

  static async start(options: ModbusMeterSimulatorOptions): Promise<ModbusMeterSimulator> {
    const slave = await ModbusGaugeSimulator.start({
      line: options.line,
      binding: options.binding,
      model: options.model ?? eastronSdm120,
      gauges: Object.fromEntries(options.meters.map((m) => [Number(m.address), { registerKwh: m.registerKwh ?? 0 }])),
      paceToBaudRate: options.paceToBaudRate,
    });
    return new ModbusMeterSimulator(slave, options);
  }

  meter(unitId: number): SimulatedMeter {
    const meter = this.meters.get(unitId);
    if (!meter) throw new Error(`no simulated meter at unit ${unitId} on this line`);
    return meter;
  }

  async stop(): Promise<void> {
    clearInterval(this.ticker);
    await this.slave.stop();
  }
}
