import { bindDevicesOfTenant, isDeviceId, type DeviceKind } from '@hearth/broker';
import { badInput, notFound, type CallerContext } from '@hearth/platform';
import { recordAudit } from '@hearth/platform/audit';
import type { Database } from '@hearth/platform/db';
import { decodeCursor, toConnection, type Connection } from '@hearth/platform/graphql';
import type { TwinKinds } from '../kinds/twin-kind';
import { countDevices, unbindDevice, findDevice, listDevices, type DeviceFilter, type DeviceRecord } from '@hearth/broker';
import { gatewaysByIds } from '@hearth/broker';
import { importDevices, type DeviceImportResult } from './import/device-import';
import type { ImportFormat } from '@hearth/platform/import';

/** Devices and the gateways they are bound to (which gateway may publish for them, and receives their commands). */
export class DeviceService {
  constructor(
    private readonly db: Database,
    private readonly kinds: TwinKinds,
  ) {}

  async list(filter: DeviceFilter, first: number, after?: string | null): Promise<Connection<DeviceRecord>> {
    const cursor = after ? (decodeCursor(after, 2).map(String) as [string, string]) : undefined;
    const rows = await listDevices(this.db, filter, first + 1, cursor);
    return toConnection(
      rows,
      first,
      await countDevices(this.db, filter),
      Boolean(after),
      (d) => [d.kind, d.id],
      (d) => d,
    );
  }

  find(tenantId: string, kind: DeviceKind, id: string): Promise<DeviceRecord | null> {
    return findDevice(this.db, tenantId, kind, id);
  }

  /**
   * Binds a device to one of the caller's gateways, creating it or moving it there. Device ids are
   * the caller's own namespace: whether another tenant has the same id changes nothing here.
   */
  async bind(caller: CallerContext, input: { kind: DeviceKind; id: string; gatewayId: string }): Promise<DeviceRecord> {
    if (!(await gatewaysByIds(this.db, caller.tenantId, [input.gatewayId])).has(input.gatewayId)) throw notFound('Gateway', input.gatewayId);
    if (!isDeviceId(input.id)) throw badInput([{ field: 'id', message: 'letters, digits and . _ : -, at most 128 characters' }]);
    const asset = this.kinds.get(input.kind)?.asset;
    if (asset && !(await asset.owned(caller.tenantId, input.id))) throw notFound(asset.entity, input.id);
    const before = await findDevice(this.db, caller.tenantId, input.kind, input.id);
    await this.db.transaction(async (tx) => {
      await bindDevicesOfTenant(tx, caller.tenantId, [input]);
      await recordAudit(tx, caller, {
        domain: 'fleet',
        action: 'device.bound',
        target: `${input.kind}:${input.id}`,
        details: { gatewayId: input.gatewayId, previousGatewayId: before?.gatewayId ?? null },
      });
    });
    return (await findDevice(this.db, caller.tenantId, input.kind, input.id))!;
  }

  /** Removes a device's binding: its gateway may no longer publish for it. */
  async unbind(caller: CallerContext, kind: DeviceKind, id: string): Promise<DeviceRecord> {
    return this.db.transaction(async (tx) => {
      const removed = await unbindDevice(tx, caller.tenantId, kind, id);
      if (!removed) throw notFound('Device', id);
      await recordAudit(tx, caller, { domain: 'fleet', action: 'device.unbound', target: `${kind}:${id}`, details: { gatewayId: removed.gatewayId } });
      return removed;
    });
  }

  import(caller: CallerContext, format: `${ImportFormat}`, data: string): Promise<DeviceImportResult> {
    return importDevices(this.db, this.kinds, caller, format, data);
  }
}
