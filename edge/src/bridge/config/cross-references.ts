/**
 * Checks between sections of a site file: devices name existing ports and models, a line speaks one
 * protocol, addresses and device ids are unique. Reads the raw file defensively (any field may be
 * missing or mistyped: the schema reports those), so these problems are listed alongside the schema's.
 */
export function crossReferenceProblems(raw: unknown): string[] {
  if (!isRecord(raw) || !Array.isArray(raw.devices)) return [];
  const ports = isRecord(raw.ports) ? Object.keys(raw.ports) : [];
  const models = isRecord(raw.modbusModels) ? Object.keys(raw.modbusModels) : [];
  const problems: string[] = [];
  const driverOfPort = new Map<string, { driver: unknown; at: number }>();
  const unitsOnPort = new Map<string, number>();
  const deviceIds = new Map<string, string>();

  const claimDeviceId = (id: unknown, where: string) => {
    if (typeof id !== 'string') return;
    const first = deviceIds.get(id);
    // Two sources for one device would interleave two seq series; the server would drop one as duplicates.
    if (first) problems.push(`${where}: device id ${id} is already read by ${first}; each device has one source`);
    else deviceIds.set(id, where);
  };

  raw.devices.forEach((device: unknown, i) => {
    if (!isRecord(device)) return;
    const at = `devices.${i}`;
    const port = device.port;
    if (typeof port === 'string') {
      if (!ports.includes(port)) problems.push(`${at}.port: no port named "${port}" (ports: ${ports.join(', ') || 'none'})`);
      const owner = driverOfPort.get(port);
      if (owner && owner.driver !== device.driver) {
        problems.push(`${at}.driver: port "${port}" already speaks ${String(owner.driver)} (devices.${owner.at}); one serial line carries one protocol`);
      } else if (owner && device.driver === 'veeder-root-tls') {
        problems.push(`${at}.port: port "${port}" already has a TLS console (devices.${owner.at}); RS-232 connects one console`);
      } else if (!owner) driverOfPort.set(port, { driver: device.driver, at: i });
    }
    if (device.driver === 'modbus-rtu') {
      if (typeof device.model === 'string' && !models.includes(device.model)) {
        problems.push(`${at}.model: no modbusModels entry named "${device.model}" (models: ${models.join(', ') || 'none'})`);
      }
      if (typeof port === 'string' && typeof device.unitId === 'number') {
        const key = `${port}#${device.unitId}`;
        const first = unitsOnPort.get(key);
        if (first !== undefined) problems.push(`${at}.unitId: unit ${device.unitId} on port "${port}" is already devices.${first}`);
        else unitsOnPort.set(key, i);
      }
      claimDeviceId(device.deviceId, `${at}.deviceId`);
    }
    if (device.driver === 'wayne-dart' || device.driver === 'dlt645') {
      if (typeof port === 'string' && (typeof device.address === 'number' || typeof device.address === 'string')) {
        const key = `${port}#${device.address}`;
        const first = unitsOnPort.get(key);
        const what = device.driver === 'dlt645' ? 'meter address' : 'pump address';
        if (first !== undefined) problems.push(`${at}.address: ${what} ${device.address} on port "${port}" is already devices.${first}`);
        else unitsOnPort.set(key, i);
      }
      claimDeviceId(device.deviceId, `${at}.deviceId`);
    }
    if (device.driver === 'veeder-root-tls' && isRecord(device.tanks)) {
      for (const [tank, id] of Object.entries(device.tanks)) claimDeviceId(id, `${at}.tanks.${tank}`);
    }
  });
  return problems;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
