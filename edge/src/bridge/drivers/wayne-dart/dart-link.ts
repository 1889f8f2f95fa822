import type { SerialPort } from 'serialport';
import type { SerialExchange } from '../../../serial/serial-exchange';
import { FieldReadError } from '../field-driver';
import { decodeFrame, encodeFrame, frameEnd, type DartFrame } from './dart-frame';
import { encodeBlock, type Transaction } from './dart-transactions';
import { parsePumpBlock, type PumpMessage } from './pump-messages';

/**
 * The site controller's end of the DART line for one pump address: DATA blocks down, each answered
 * by the pump's ACK; POLLs, each answered by EOT (nothing to say) or by a DATA block, which we ACK.
 * Retransmission follows the line level's rules as inferred (dart-frame.ts): a NAK asks for the
 * block again; a block whose TX# and data repeat the last one is a resend after a lost ACK.
 */
export class DartLink {
  private tx = 0;
  private lastFromPump?: { tx: number; data: Buffer };

  constructor(
    private readonly port: SerialPort,
    private readonly exchange: SerialExchange,
    readonly address: number,
    private readonly timeoutMs: number,
  ) {}

  /** Sends one block of transactions; resolves once the pump acknowledged it. */
  async send(transactions: Transaction[]): Promise<void> {
    // TX# runs 1-15; 0 is left for a line just (re)started (inferred).
    this.tx = (this.tx % 15) + 1;
    const frame = encodeFrame({ type: 'data', address: this.address, tx: this.tx, data: encodeBlock(transactions) });
    for (let attempt = 1; attempt <= 2; attempt++) {
      const answer = await this.request(frame);
      if (answer.type === 'ack' && answer.tx === this.tx) return;
      if (answer.type !== 'nak') throw new FieldReadError('rejected-frame', 'unexpected-answer', `a ${answer.type} block answered DATA TX#${this.tx}`);
    }
    throw new FieldReadError('rejected-frame', 'nak', `the pump refused DATA TX#${this.tx} twice (NAK)`);
  }

  /** One POLL: the messages of the pump's block, [] for a resent block, null when it had nothing to say (EOT). */
  async poll(): Promise<PumpMessage[] | null> {
    const answer = await this.request(encodeFrame({ type: 'poll', address: this.address, tx: 0 }));
    if (answer.type === 'eot') return null;
    if (answer.type !== 'data') throw new FieldReadError('rejected-frame', 'unexpected-answer', `a ${answer.type} block answered POLL`);
    await this.write(encodeFrame({ type: 'ack', address: this.address, tx: answer.tx }));
    const resent = this.lastFromPump?.tx === answer.tx && this.lastFromPump.data.equals(answer.data);
    this.lastFromPump = { tx: answer.tx, data: answer.data };
    if (resent) return [];
    const parsed = parsePumpBlock(answer.data);
    if (!parsed.ok) throw new FieldReadError('rejected-frame', 'malformed', parsed.detail);
    return parsed.messages;
  }

  private async request(frame: Buffer): Promise<DartFrame> {
    const answer = await this.exchange.request(frame, frameEnd, this.timeoutMs);
    if (!answer.ok) {
      if (answer.received.length === 0) throw new FieldReadError('no-answer', 'timeout', `pump ${hex(this.address)}: no answer within ${this.timeoutMs} ms`);
      throw new FieldReadError('rejected-frame', 'truncated', `pump ${hex(this.address)}: no SF after ${answer.received.length} bytes`);
    }
    const decoded = decodeFrame(answer.frame);
    if (!decoded.ok) {
      // A damaged DATA block is asked for again by NAK (the pump resends it at the next POLL).
      if (decoded.reason === 'crc' && decoded.address === this.address) await this.write(encodeFrame({ type: 'nak', address: this.address, tx: 0 }));
      throw new FieldReadError('rejected-frame', decoded.reason, decoded.detail);
    }
    if (decoded.frame.address !== this.address) {
      throw new FieldReadError('rejected-frame', 'address', `pump ${hex(decoded.frame.address)} answered a block to ${hex(this.address)}`);
    }
    return decoded.frame;
  }

  private write(frame: Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.port.write(frame, (err) => (err ? reject(err) : resolve())));
  }
}

const hex = (n: number) => `${n.toString(16).toUpperCase()}H`;
