import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHttpServer, listen, sendJson, type Logger, type RunningHttpServer } from '@hearth/platform';
import type { SerialBinding } from '../serial/open-serial-port';
import { BridgeCounters, type CounterSnapshot } from './bridge-counters';
import type { DeviceConfig, SiteConfig } from './config/site-config.schema';
import type { DeviceReader, TankReading } from './drivers/field-driver';
import { SiteMeters } from './drivers/dlt645/site-meters';
import { openLine } from './drivers/open-line';
import { Forecourt } from './drivers/wayne-dart/forecourt';
import type { PumpChannel } from './drivers/wayne-dart/pump-controller';
import { combinedRoutes } from './uplink/command-subscription';
import { DiskJournal } from './journal/disk-journal';
import { SeqStore } from './journal/seq-store';
import { PortPoller } from './polling/port-poller';
import { ReaderHealth } from './polling/reader-health';
import { contractValues, encodeRecord, type TelemetryRecord } from './telemetry-record';
import { MqttUplink } from './uplink/mqtt-uplink';

export interface EdgeBridgeOptions {
  config: SiteConfig;
  logger: Logger;
  /** Replaces the OS serial driver (tests and demos over @serialport/binding-mock). */
  binding?: SerialBinding;
  now?: () => Date;
}

export interface BridgeStatus {
  gatewayId: string;
  connected: boolean;
  /** Readings journaled and not yet acknowledged by the broker. */
  pending: number;
  journalBytes: number;
  counters: CounterSnapshot;
  /** Per device id: the last reading journaled and how many since start. */
  devices: Record<string, { lastReadingAt: string; lastSeq: number; readings: number }>;
  /** Per port and reader: failing streaks. */
  readers: ReturnType<ReaderHealth['snapshot']>;
}

/**
 * The field-side bridge of one site: polls the serial devices, journals each reading with its seq,
 * and has the uplink deliver the journal to Hearth over MQTT.
 */
export class EdgeBridge {
  private readonly devices: BridgeStatus['devices'] = {};
  private readonly health: ReaderHealth;
  private readonly pollers: PortPoller[] = [];
  private statusServer?: RunningHttpServer;
  private statusTimer?: NodeJS.Timeout;

  private constructor(
    private readonly options: EdgeBridgeOptions,
    private readonly journal: DiskJournal,
    private readonly seqs: SeqStore,
    private readonly uplink: MqttUplink,
    private readonly counters: BridgeCounters,
    private readonly forecourt: Forecourt,
    private readonly meters: SiteMeters,
  ) {
    this.health = new ReaderHealth(options.logger, this.counters);
  }

  static async start(options: EdgeBridgeOptions): Promise<EdgeBridge> {
    const { config, logger } = options;
    const counters = new BridgeCounters();
    const journal = DiskJournal.open({
      dir: join(config.buffer.dir, 'journal'),
      maxBytes: config.buffer.maxBytes,
      segmentBytes: config.buffer.segmentBytes,
      fsync: config.buffer.fsync,
      fsyncIntervalMs: config.buffer.fsyncIntervalMs,
      logger,
      onDrop: (dropped) => counters.add('dropped', dropped.count),
    });
    const seqs = SeqStore.open(join(config.buffer.dir, 'seq.json'));
    // Pumps publish as they go (events, acks), not per poll: their messages reach the journal through the bridge once it exists.
    let bridge: EdgeBridge | undefined;
    const forecourt = new Forecourt({
      devices: config.devices.flatMap((d) => (d.driver === 'wayne-dart' ? [d] : [])),
      ledgerDir: Forecourt.ledgerDir(config.buffer.dir),
      publish: (deviceId, channel, body) => bridge?.publishDevice('pump', deviceId, channel, body),
      logger,
      now: options.now ?? (() => new Date()),
    });
    const meters = new SiteMeters({
      devices: config.devices.flatMap((d) => (d.driver === 'dlt645' ? [d] : [])),
      publish: (deviceId, channel, body) => bridge?.publishDevice('meter', deviceId, channel, body),
      logger,
      now: options.now ?? (() => new Date()),
    });
    const uplink = new MqttUplink({
      ...config.broker,
      gatewayId: config.gatewayId,
      secret: config.secret,
      clientId: config.broker.clientId ?? `${config.gatewayId}-bridge`,
      ca: config.broker.caFile ? readFileSync(config.broker.caFile) : undefined,
      journal,
      counters,
      logger,
      commands: combinedRoutes(forecourt.commands, meters.commands),
    });
    bridge = new EdgeBridge(options, journal, seqs, uplink, counters, forecourt, meters);
    logger.info({ gatewayId: config.gatewayId, pending: journal.pendingCount, buffer: config.buffer.dir }, 'edge bridge starting');
    uplink.start();
    bridge.startPollers();
    await bridge.startStatus();
    return bridge;
  }

  status(): BridgeStatus {
    this.counters.gauges(this.journal.pendingCount, this.uplink.connected);
    return {
      gatewayId: this.options.config.gatewayId,
      connected: this.uplink.connected,
      pending: this.journal.pendingCount,
      journalBytes: this.journal.sizeBytes,
      counters: this.counters.snapshot(),
      devices: structuredClone(this.devices),
      readers: this.health.snapshot(),
    };
  }

  /** Stops polling, lets the uplink deliver what it can within `drainMs`, and closes the journal. */
  async stop(drainMs = 5_000): Promise<void> {
    clearInterval(this.statusTimer);
    await Promise.all(this.pollers.map((p) => p.stop()));
    await this.uplink.stop(drainMs);
    await this.statusServer?.close();
    this.journal.close();
    this.options.logger.info({ pending: this.journal.pendingCount }, 'edge bridge stopped');
  }

  private startPollers(): void {
    const { config, logger, binding } = this.options;
    const byPort = new Map<string, DeviceConfig[]>();
    for (const device of config.devices) byPort.set(device.port, [...(byPort.get(device.port) ?? []), device]);
    for (const [name, devices] of byPort) {
      const driver = devices[0]!.driver;
      const line = { name, settings: config.ports[name]!, logger: logger.child({ port: name }), binding };
      const poller = new PortPoller({
        name,
        logger: line.logger,
        open: () => openLine(line, devices, config.modbusModels, this.forecourt, this.meters),
        onReadings: (reader, readings) => this.record(name, reader, readings),
        onFailure: (reader, failure) => this.health.failed(name, driver, reader, failure),
      });
      poller.start();
      this.pollers.push(poller);
    }
  }

  /** Journals each reading with the next seq of its device; the uplink takes it from there. */
  private record(port: string, reader: DeviceReader, readings: TankReading[]): void {
    this.health.succeeded(port, reader);
    const now = (this.options.now ?? (() => new Date()))();
    for (const { deviceId, kind, values } of readings) {
      const { accepted, rejected } = contractValues(values);
      for (const metric of rejected) this.counters.rejectedValue(metric);
      if (Object.keys(accepted).length === 0) continue;
      const seq = this.seqs.next(deviceId);
      // The bridge's clock, not the device's: a TLS console keeps local time without a zone, to the minute.
      const payload = JSON.stringify({ ts: now.toISOString(), seq, ...accepted });
      this.journal.append(encodeRecord({ kind: kind ?? 'tank', deviceId, payload }));
      this.counters.reading(deviceId);
      if (!this.uplink.connected) this.counters.add('buffered');
      this.devices[deviceId] = { lastReadingAt: now.toISOString(), lastSeq: seq, readings: (this.devices[deviceId]?.readings ?? 0) + 1 };
    }
    this.uplink.wake();
  }

  /** Journals one message of a pump or meter; telemetry and events take the device's next seq, acks go as they are (their id identifies them). */
  private publishDevice(kind: TelemetryRecord['kind'], deviceId: string, channel: PumpChannel, body: Record<string, unknown>): void {
    const ts = (this.options.now ?? (() => new Date()))().toISOString();
    const payload = JSON.stringify(channel === 'command/ack' ? { ts, ...body } : { ts, seq: this.seqs.next(deviceId), ...body });
    this.journal.append(encodeRecord({ kind, deviceId, ...(channel === 'telemetry' ? {} : { channel }), payload }));
    if (!this.uplink.connected) this.counters.add('buffered');
    this.uplink.wake();
  }

  private async startStatus(): Promise<void> {
    const { status } = this.options.config;
    const { logger } = this.options;
    if (status.logIntervalSeconds > 0) {
      this.statusTimer = setInterval(() => logger.info({ status: this.status() }, 'bridge status'), status.logIntervalSeconds * 1_000).unref();
    }
    if (status.port === undefined) return;
    const server = createHttpServer({
      name: 'edge-bridge',
      logger,
      routes: { '/status': (_req, res) => sendJson(res, 200, this.status()) },
      ready: () => Promise.resolve(this.uplink.connected),
    });
    this.statusServer = await listen(server, status.port, status.host);
    logger.info({ url: `${this.statusServer.url}/status` }, 'status endpoint ready');
  }
}
