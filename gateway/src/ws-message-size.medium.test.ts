import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_GRAPHQL_REQUEST_BYTES, graphqlWsRejections } from '@hearth/platform/graphql';
import { startFixtureStack, type FixtureStack } from './testing/fixture-stack';

let stack: FixtureStack;
beforeAll(async () => {
  stack = await startFixtureStack();
});
afterAll(() => stack.close());

/** The gateway's count of oversized messages, read in process (the stack runs here). */
const tooLarge = async () =>
  (await graphqlWsRejections.get()).values.find((v) => v.labels.service === 'gateway' && v.labels.reason === 'message_too_large')?.value ?? 0;
/** RFC 6455 §7.4.1: "a message that is too big for it to process". */
const MESSAGE_TOO_BIG = 1009;

async function open(): Promise<WebSocket> {
  const socket = new WebSocket(stack.gateway.wsUrl, 'graphql-transport-ws');
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return socket;
}
const closeCode = (socket: WebSocket) => new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
const nextMessage = (socket: WebSocket) =>
  new Promise<{ type: string; payload?: unknown }>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));

async function authenticated(): Promise<WebSocket> {
  const socket = await open();
  const ack = nextMessage(socket);
  socket.send(JSON.stringify({ type: 'connection_init', payload: stack.auth }));
  expect((await ack).type).toBe('connection_ack');
  return socket;
}

/** A subscribe message whose variables make it `bytes` long. */
const subscribeOf = (bytes: number) => {
  const message = (pad: string) => JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ tanks { name } }', variables: { pad } } });
  return message('x'.repeat(bytes - message('').length));
};

describe('graphql-ws message size', () => {
  it('closes with 1009 on a message over the limit sent before connection_init, and counts it', async () => {
    const before = await tooLarge();
    const socket = await open();
    const closed = closeCode(socket);
    socket.send('x'.repeat(MAX_GRAPHQL_REQUEST_BYTES + 1));
    expect(await closed).toBe(MESSAGE_TOO_BIG);
    expect((await tooLarge()) - before).toBe(1);
  });

  it('closes with 1009 on an authenticated subscribe message over the limit, before running it', async () => {
    const socket = await authenticated();
    const closed = closeCode(socket);
    const answers: unknown[] = [];
    socket.on('message', (data) => answers.push(String(data)));
    socket.send(subscribeOf(MAX_GRAPHQL_REQUEST_BYTES + 1));
    expect(await closed).toBe(MESSAGE_TOO_BIG);
    expect(answers).toEqual([]);
  });

  it('refuses a 90 MB frame from its header alone, holding none of it', async () => {
    const socket = await open();
    const closed = closeCode(socket);
    // A masked text frame announcing 90 MB (RFC 6455 §5.2), of which no byte is ever sent:
    // the server can only close it by reading the length, not by buffering the payload.
    const header = Buffer.alloc(14);
    header[0] = 0x81;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(90_000_000n, 2);
    (socket as unknown as { _socket: NodeJS.WritableStream })._socket.write(header);
    expect(await closed).toBe(MESSAGE_TOO_BIG);
  });

  it('still runs a message just under the limit', async () => {
    const socket = await authenticated();
    const answer = nextMessage(socket);
    socket.send(subscribeOf(MAX_GRAPHQL_REQUEST_BYTES - 1));
    expect(await answer).toMatchObject({ type: 'next', payload: { data: { tanks: expect.any(Array) } } });
    socket.close();
  });
});
