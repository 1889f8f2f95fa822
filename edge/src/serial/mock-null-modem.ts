import { SerialPortMock } from 'serialport';
import type { SerialBinding } from './open-serial-port';

// @serialport/binding-mock's MockBinding, reached through serialport: its package exports carry no
// types for ESM, and this way there is one instance of its port table, the one serialport loads.
const MockBinding = SerialPortMock.binding;
type MockPortBinding = Awaited<ReturnType<typeof MockBinding.open>>;

const peers = new Map<string, string>();
const opened = new Map<string, MockPortBinding>();
let pairs = 0;

/**
 * A serialport binding over `@serialport/binding-mock` whose ports are wired in pairs like a null-modem
 * cable: what one end writes, the other reads. The mock alone only records writes; this lets a device
 * simulator answer the bridge in-process, without a pseudo-terminal. One binding serves every pair.
 */
export const mockNullModemBinding: SerialBinding = {
  ...MockBinding,
  async open(options: Parameters<typeof MockBinding.open>[0]): Promise<MockPortBinding> {
    const port = await MockBinding.open(options);
    opened.set(options.path, port);
    const write = port.write.bind(port);
    port.write = async (buffer: Buffer) => {
      await write(buffer);
      const peer = opened.get(peers.get(options.path) ?? '');
      if (peer?.isOpen) peer.emitData(buffer);
    };
    return port;
  },
};

/** A new pair of wired mock ports: one end for the bridge, one for the simulated device. */
export function createMockNullModem(): { binding: SerialBinding; paths: [string, string] } {
  pairs += 1;
  const paths: [string, string] = [`/dev/mock-null-modem-${pairs}a`, `/dev/mock-null-modem-${pairs}b`];
  for (const path of paths) MockBinding.createPort(path);
  peers.set(paths[0], paths[1]);
  peers.set(paths[1], paths[0]);
  return { binding: mockNullModemBinding, paths };
}
