import { z } from 'zod';
import { byteSize } from './byte-size';

/** What a tank sample may carry (twins/src/kinds/tank/tank-metrics.ts: the tank telemetry contract). */
export const tankMetrics = ['levelMm', 'temperatureC', 'pressureKPa', 'waterLevelMm'] as const;
export type TankMetric = (typeof tankMetrics)[number];
/** What a Modbus electricity meter's map may carry (the meter telemetry contract's cumulative register). */
export const meterMetrics = ['registerKwh'] as const;
export type MeterMetric = (typeof meterMetrics)[number];
export type ModbusMetric = TankMetric | MeterMetric;
const modbusMetrics = [...tankMetrics, ...meterMetrics];

// Same rules as broker/src/topics.ts (and the fleet tables): checked here so a typo fails at start, not at the broker.
const gatewayId = z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'a gateway id: 3-64 lower-case letters, digits and -, as provisioned in Hearth');
const deviceId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, "a device id (the tank's id in Hearth): letters, digits, . _ : -");
const millis = (min: number, max: number, fallback: number) => z.number().int().min(min).max(max).default(fallback);

const serialPort = z.strictObject({
  path: z.string().min(1, 'the serial device, e.g. /dev/ttyUSB0 or /dev/serial/by-id/…'),
  baudRate: z
    .number()
    .int()
    .refine((b) => [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(b), 'a standard rate: 1200 … 115200'),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
});

const register = z.strictObject({
  /** Zero-based PDU address: vendor tables often print "40001" for holding register 0. */
  address: z.number().int().min(0).max(65535),
  type: z.enum(['int16', 'uint16', 'int32', 'uint32', 'float32']),
  /** For 32-bit types: which register holds the high word (high-first = "ABCD", low-first = "CDAB"). */
  wordOrder: z.enum(['high-first', 'low-first']).default('high-first'),
  scale: z.number().finite().default(1),
  offset: z.number().finite().default(0),
});
export type RegisterSpec = z.infer<typeof register>;

/** Modbus allows at most 125 registers in one read (Modbus Application Protocol V1.1b3 §6.3). */
export const maxRegistersPerRead = 125;
export const registerWidth = (spec: Pick<RegisterSpec, 'type'>): 1 | 2 => (spec.type === 'int16' || spec.type === 'uint16' ? 1 : 2);

const modbusModel = z
  .strictObject({
    registerKind: z.enum(['holding', 'input']).default('holding'),
    registers: z
      .strictObject(Object.fromEntries(modbusMetrics.map((m) => [m, register.optional()])) as Record<ModbusMetric, z.ZodOptional<typeof register>>)
      .refine((r) => Object.values(r).some(Boolean), `map at least one of ${modbusMetrics.join(', ')}`)
      // A model is a tank gauge's or a meter's: its device publishes as one kind.
      .refine((r) => !(r.registerKwh && tankMetrics.some((m) => r[m])), 'map either a meter (registerKwh) or a tank gauge, not both'),
  })
  .superRefine((model, ctx) => {
    const used = Object.entries(model.registers).flatMap(([metric, spec]) => (spec ? [{ metric, spec }] : []));
    const first = Math.min(...used.map((u) => u.spec.address));
    const end = Math.max(...used.map((u) => u.spec.address + registerWidth(u.spec)));
    if (end - first > maxRegistersPerRead) {
      ctx.addIssue({
        code: 'custom',
        path: ['registers'],
        message: `registers ${first}…${end - 1} span more than the ${maxRegistersPerRead} one read can fetch`,
      });
    }
    for (const a of used) {
      for (const b of used) {
        if (a.metric < b.metric && a.spec.address < b.spec.address + registerWidth(b.spec) && b.spec.address < a.spec.address + registerWidth(a.spec)) {
          ctx.addIssue({ code: 'custom', path: ['registers', b.metric], message: `overlaps the registers of ${a.metric}` });
        }
      }
    }
  });
export type ModbusModel = z.infer<typeof modbusModel>;

const modbusDevice = z.strictObject({
  driver: z.literal('modbus-rtu'),
  port: z.string(),
  unitId: z.number().int().min(1).max(247),
  model: z.string(),
  deviceId,
  pollIntervalMs: millis(100, 86_400_000, 5_000),
  responseTimeoutMs: millis(20, 60_000, 1_000),
});

const tlsDevice = z.strictObject({
  driver: z.literal('veeder-root-tls'),
  port: z.string(),
  /** TLS tank number (1-99) → the tank's device id in Hearth. */
  tanks: z
    .record(z.string().regex(/^[1-9][0-9]?$/, 'a tank number 1-99'), deviceId)
    .refine((t) => Object.keys(t).length > 0, 'map at least one tank number to a device id'),
  /** The console's own units (its setup: U.S. = inches and °F, metric = millimetres and °C); nothing is guessed. */
  units: z.strictObject({ length: z.enum(['in', 'mm']), temperature: z.enum(['F', 'C']) }),
  /** Only when the console has an RS-232 security code set: it prefixes every command. */
  securityCode: z
    .string()
    .regex(/^[0-9A-Za-z]{6}$/, 'six characters')
    .optional(),
  pollIntervalMs: millis(500, 86_400_000, 10_000),
  responseTimeoutMs: millis(100, 60_000, 3_000),
});

const decimals = (max: number, fallback: number) => z.number().int().min(0).max(max).default(fallback);

const wayneDartPump = z.strictObject({
  driver: z.literal('wayne-dart'),
  port: z.string(),
  /** The pump's DART device address, 50H-6FH (Dart Pump Interface §1), e.g. 0x50. */
  address: z.number().int().min(0x50, 'a DART address 0x50-0x6F').max(0x6f, 'a DART address 0x50-0x6F'),
  /** The pump's id in Hearth. */
  deviceId,
  /** Logical nozzle number → the grade it sells, as Hearth names grades in SET_PRICES (at most 16 characters). */
  nozzles: z.record(z.string(), z.string().min(1).max(16)).superRefine((nozzles, ctx) => {
    if (Object.keys(nozzles).length === 0) ctx.addIssue({ code: 'custom', message: 'map at least one nozzle number to a grade' });
    // DART counts nozzles 1-0FH (§5), Hearth's pump contract 1-8 (IFSF): a nozzle above 8 could not be reported.
    // Checked here rather than as the record's key schema, so the message names the nozzle.
    for (const nozzle of Object.keys(nozzles)) {
      if (!/^[1-8]$/.test(nozzle)) ctx.addIssue({ code: 'custom', path: [nozzle], message: `${nozzle} is not a nozzle number 1-8` });
    }
  }),
  /** The decimals the pump is programmed with (its DPVOL, DPAMO, DPUNP); nothing is guessed. */
  decimals: z.strictObject({ volume: decimals(3, 2), amount: decimals(2, 2), price: decimals(2, 2) }).prefault({}),
  pollIntervalMs: millis(20, 60_000, 200),
  responseTimeoutMs: millis(20, 10_000, 250),
  /** While fuelling: at most one telemetry sample this often with the running volume and amount. */
  telemetryIntervalMs: millis(100, 60_000, 1_000),
});

const dlt645Meter = z.strictObject({
  driver: z.literal('dlt645'),
  port: z.string(),
  /** The meter's address as on its nameplate: 12 digits (DL/T 645-2007, A0…A5 in BCD). */
  address: z.string().regex(/^[0-9]{12}$/, 'the meter address: 12 digits, as on its nameplate'),
  /** The meter's id in Hearth. */
  deviceId,
  /** Also read the remaining money (00900200): only meters that keep one (local prepaid). */
  remainingMoney: z.boolean().default(false),
  /** Read the relay (status word 3) at every poll, not only after a command. */
  readRelay: z.boolean().default(true),
  /** For relay control (1CH): the password's level PA and P2P1P0 as 6 hex digits. Without it, relay commands are rejected. */
  password: z.strictObject({ level: z.number().int().min(0).max(9), code: z.string().regex(/^[0-9A-Fa-f]{6}$/, '6 hex digits') }).optional(),
  /** Operator code C3…C0 (8 hex digits), recorded by the meter with each relay operation. */
  operator: z
    .string()
    .regex(/^[0-9A-Fa-f]{8}$/, '8 hex digits')
    .default('00000000'),
  /** A relay command's deadline on the meter's clock (N3…N8): this long after it is sent. */
  commandValidityMinutes: z.number().int().min(1).max(1440).default(5),
  /** The zone of the meter's clock (meters keep local time). */
  timeZone: z.string().default('Asia/Shanghai'),
  pollIntervalMs: millis(1_000, 86_400_000, 60_000),
  responseTimeoutMs: millis(100, 10_000, 1_000),
});

const device = z.discriminatedUnion('driver', [modbusDevice, tlsDevice, wayneDartPump, dlt645Meter], {
  error: 'driver must be "modbus-rtu", "veeder-root-tls", "wayne-dart" or "dlt645"',
});
export type ModbusDeviceConfig = z.infer<typeof modbusDevice>;
export type TlsDeviceConfig = z.infer<typeof tlsDevice>;
export type PumpDeviceConfig = z.infer<typeof wayneDartPump>;
export type Dlt645DeviceConfig = z.infer<typeof dlt645Meter>;
export type DeviceConfig = z.infer<typeof device>;

export const siteConfigSchema = z.strictObject({
  gatewayId,
  /** Issued when the gateway was provisioned in Hearth; the MQTT password. */
  secret: z.string().min(1),
  broker: z.strictObject({
    url: z.string().regex(/^(mqtts?|wss?):\/\/[^/\s]+/, 'an mqtt://, mqtts://, ws:// or wss:// URL'),
    /** PEM file of the CA that signed the broker's certificate, when it is not a public one. */
    caFile: z.string().min(1).optional(),
    clientId: z.string().min(1).max(64).optional(),
    keepaliveSeconds: z.number().int().min(5).max(600).default(30),
    /** PUBLISH packets awaiting their PUBACK at once. */
    inFlightWindow: z.number().int().min(1).max(1000).default(32),
    reconnectMinMs: millis(50, 60_000, 1_000),
    reconnectMaxMs: millis(50, 600_000, 30_000),
  }),
  buffer: z
    .strictObject({
      /** Relative paths are relative to this file. */
      dir: z.string().min(1),
      maxBytes: byteSize.default(64 * 1024 * 1024),
      segmentBytes: byteSize.default(1024 * 1024),
      fsync: z.enum(['always', 'interval', 'never']).default('always'),
      fsyncIntervalMs: millis(10, 60_000, 1_000),
    })
    .refine((b) => b.maxBytes >= 4 * b.segmentBytes, { message: 'maxBytes must hold at least 4 segments (segmentBytes)', path: ['maxBytes'] }),
  status: z
    .strictObject({
      /** Serves /status, /metrics, /healthz and /readyz when set (0 = any free port). */
      port: z.number().int().min(0).max(65535).optional(),
      host: z.string().default('127.0.0.1'),
      logIntervalSeconds: z.number().int().min(0).default(60),
    })
    .prefault({}),
  ports: z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a port name of letters, digits, _ . -'), serialPort),
  modbusModels: z.record(z.string().min(1), modbusModel).default({}),
  devices: z.array(device).min(1, 'list at least one device'),
});

export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type SerialPortConfig = SiteConfig['ports'][string];
