import { connect, type Socket } from 'node:net';

/**
 * Hand-made MQTT 3.1.1 packets over a plain TCP socket, for what a conforming client library
 * refuses to send (empty client ids with a persistent session, reserved flags, MQTT 5, …).
 */
export interface ConnectFields {
  clientId: string;
  clean?: boolean;
  username?: string;
  password?: string;
  /** 4 = MQTT 3.1.1, 5 = MQTT 5. */
  protocolLevel?: number;
  keepaliveSeconds?: number;
}

const utf8String = (s: string): Buffer => {
  const bytes = Buffer.from(s, 'utf8');
  return Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);
};

/** Remaining Length: 7 bits per byte, least significant first (MQTT 3.1.1 §2.2.3). */
export function remainingLength(length: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = length % 128;
    length = Math.floor(length / 128);
    if (length > 0) byte |= 0x80;
    bytes.push(byte);
  } while (length > 0);
  return Buffer.from(bytes);
}

export const packet = (firstByte: number, body: Buffer): Buffer => Buffer.concat([Buffer.from([firstByte]), remainingLength(body.length), body]);

export function connectPacket(fields: ConnectFields): Buffer {
  const flags = (fields.username !== undefined ? 0x80 : 0) | (fields.password !== undefined ? 0x40 : 0) | (fields.clean === false ? 0 : 0x02);
  const keepalive = fields.keepaliveSeconds ?? 30;
  const body = Buffer.concat([
    utf8String('MQTT'),
    Buffer.from([fields.protocolLevel ?? 4, flags, keepalive >> 8, keepalive & 0xff]),
    ...(fields.protocolLevel === 5 ? [Buffer.from([0])] : []), // MQTT 5: empty property list
    utf8String(fields.clientId),
    ...(fields.username !== undefined ? [utf8String(fields.username)] : []),
    ...(fields.password !== undefined ? [utf8String(fields.password)] : []),
  ]);
  return packet(0x10, body);
}

export function publishPacket(topic: string, payload: string, firstByte = 0x30): Buffer {
  return packet(firstByte, Buffer.concat([utf8String(topic), Buffer.from(payload)]));
}

export interface RawConnection {
  socket: Socket;
  /** Everything the server wrote until it closed the connection. */
  closed: Promise<Buffer>;
}

/** `localAddress`: another loopback address (127.0.0.2…) plays another source address. */
export function rawConnection(port: number, localAddress?: string): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', ...(localAddress ? { localAddress } : {}) }, () => resolve({ socket, closed }));
    const received: Buffer[] = [];
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', () => undefined); // a reset by the server is what several tests expect
    const closed = new Promise<Buffer>((done) => socket.once('close', () => done(Buffer.concat(received))));
    socket.once('error', reject);
  });
}

/** The return code of the CONNACK at the start of `bytes`, if there is one. */
export const connackCode = (bytes: Buffer): number | undefined => (bytes[0] === 0x20 && bytes.length >= 4 ? bytes[3] : undefined);

/** A raw connection whose CONNECT (clean session, gateway credentials) was accepted. */
export async function rawSession(port: number, username: string, password: string, fields: Partial<ConnectFields> = {}): Promise<RawConnection> {
  const raw = await rawConnection(port);
  const connack = new Promise<Buffer>((resolve) => raw.socket.once('data', resolve));
  raw.socket.write(connectPacket({ clientId: `raw-${Math.random().toString(36).slice(2)}`, username, password, ...fields }));
  const code = connackCode(await connack);
  if (code !== 0) throw new Error(`CONNACK ${code}`);
  return raw;
}

/** A SUBSCRIBE (flags 0b0010 [MQTT-3.8.1-1]) of one filter at QoS 1. */
export const subscribePacket = (messageId: number, filter: string): Buffer =>
  packet(0x82, Buffer.concat([Buffer.from([messageId >> 8, messageId & 0xff]), utf8String(filter), Buffer.from([1])]));
