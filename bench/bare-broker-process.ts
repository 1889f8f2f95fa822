import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import type { BareBrokerCommand, BareBrokerReport } from './bare-broker';

/**
 * The ceiling: a bare Aedes broker (no authentication, no validation, no storage) in its own
 * process, with an in-process subscriber that counts what it receives and, when asked, when
 * each message arrived (by its `seq`). Aedes sends a QoS 1 PUBACK once its subscribers took the
 * message, so "acknowledged" here means "delivered in process", as in the stack it means "committed".
 */
const aedes = new Aedes();
await aedes.listen();
let delivered = 0;
let stamps: [number, number][] | null = null;
await new Promise<void>((resolve) =>
  aedes.subscribe(
    'hearth/#',
    (packet, cb) => {
      delivered++;
      if (stamps) stamps.push([(JSON.parse(packet.payload.toString()) as { seq: number }).seq, performance.timeOrigin + performance.now()]);
      cb();
    },
    resolve,
  ),
);
const sockets = new Set<Socket>();
const server = createServer((socket) => {
  socket.setNoDelay(true);
  sockets.add(socket);
  socket.once('close', () => sockets.delete(socket));
  aedes.handle(socket);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
send({ type: 'listening', port: (server.address() as AddressInfo).port });

process.on('disconnect', () => process.exit(1));
process.on('message', (cmd: BareBrokerCommand) => {
  switch (cmd.type) {
    case 'clock':
      return send({ type: 'clock', id: cmd.id, at: performance.timeOrigin + performance.now() });
    case 'stamp':
      stamps = [];
      return send({ type: 'stamping' });
    case 'collect': {
      const report: BareBrokerReport = { type: 'collected', delivered, stamps: stamps ?? [] };
      delivered = 0;
      stamps = null;
      return send(report);
    }
    case 'exit':
      for (const s of sockets) s.destroy();
      server.close();
      aedes.close(() => process.exit(0));
  }
});

function send(report: BareBrokerReport): void {
  process.send!(report);
}
