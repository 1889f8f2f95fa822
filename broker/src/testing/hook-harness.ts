import { createLogger } from '@hearth/platform';
import type { Client, PublishPacket } from 'aedes';
import { ConnectionAdmission, defaultAdmissionLimits, type AdmissionLimits } from '../connection-admission';
import { Connections } from '../connections';
import { GatewayPresence } from '../gateway-presence';
import { InFlight } from '../in-flight';
import { defaultPayloadLimits } from '../payload';
import { RejectionLog } from '../rejection-log';
import { Sessions } from '../sessions';
import type { DeviceKind } from '../topics';
import type { AuthenticatedGateway, DeviceRegistry } from '../types';
import { MemorySink } from './memory-sink';

/** A registry in memory for hook tests: bindings `kind/id → gateway`, secrets by gateway id. */
export class MemoryRegistry implements DeviceRegistry {
  failing?: Error;
  /** Unset: every publish waits for `findDevice`, as with a registry that holds nothing in memory. */
  knownDevice?: DeviceRegistry['knownDevice'];
  constructor(
    readonly gateways: Record<string, { tenantId: string; secret: string }>,
    readonly devices: Record<string, { tenantId: string; gatewayId: string }>,
  ) {}
  async authenticateGateway(gatewayId: string, secret: string): Promise<AuthenticatedGateway | null> {
    if (this.failing) throw this.failing;
    const g = this.gateways[gatewayId];
    return g && g.secret === secret ? { gatewayId, tenantId: g.tenantId, credential: `secret-of-${gatewayId}` } : null;
  }
  async findDevice(kind: DeviceKind, deviceId: string) {
    if (this.failing) throw this.failing;
    return this.devices[`${kind}/${deviceId}`] ?? null;
  }
}

/** Just enough of an Aedes client for the hooks: they key their state by the object. */
export const fakeClient = (id: string): Client => ({ id, closed: false }) as unknown as Client;

export const publishPacket = (topic: string, payload: string, qos: 0 | 1 | 2 = 1, retain = false): PublishPacket => ({
  cmd: 'publish',
  topic,
  payload: Buffer.from(payload),
  qos,
  retain,
  dup: false,
});

export function hookDeps(admissionLimits: AdmissionLimits = defaultAdmissionLimits) {
  const logger = createLogger('hook-test', 'silent');
  const sink = new MemorySink();
  const registry = new MemoryRegistry(
    { 'gw-1': { tenantId: 't-1', secret: 's-1' }, 'gw-2': { tenantId: 't-1', secret: 's-2' } },
    {
      'tank/tank-1': { tenantId: 't-1', gatewayId: 'gw-1' },
      'tank/tank-2': { tenantId: 't-1', gatewayId: 'gw-2' },
      'tank/tank-3': { tenantId: 't-1', gatewayId: 'gw-1' },
    },
  );
  return {
    logger,
    sink,
    registry,
    sessions: new Sessions(),
    rejections: new RejectionLog(),
    presence: new GatewayPresence(sink, logger),
    inFlight: new InFlight(),
    limits: defaultPayloadLimits,
    connections: new Connections(),
    admission: new ConnectionAdmission(admissionLimits),
  };
}
