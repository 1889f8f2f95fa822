import type { SerialExchange } from '../../../serial/serial-exchange';
import { FieldReadError } from '../field-driver';
import {
  hexDi,
  hundredths,
  readReplyData,
  readRequest,
  relayControlReply,
  relayControlRequest,
  relayOfStatusWord3,
  type RelayControl,
  type RelayState,
  type ReplyProblem,
} from './dlt645-data';
import { decodeFrame, encodeFrame, frameEnd, type Dlt645Frame } from './dlt645-frame';

/**
 * The master's end of a DL/T 645 line for one meter: one request, one answer (the poller keeps one
 * exchange on the bus at a time). Silence, a frame that fails its checks, an answer from another
 * meter or to another question all end as a FieldReadError, counted by reason.
 */
export class Dlt645Link {
  constructor(
    private readonly exchange: SerialExchange,
    readonly address: string,
    private readonly timeoutMs: number,
  ) {}

  /** A 4-byte XXXXXX.XX reading (energy in kWh, money in yuan) in hundredths. */
  async readHundredths(di: number): Promise<number> {
    return valueOf(hundredths(await this.read(di)), di);
  }

  async readRelay(di: number): Promise<RelayState> {
    const parsed = relayOfStatusWord3(await this.read(di));
    return valueOf(parsed.ok ? { ok: true, value: parsed.relay } : parsed, di);
  }

  /** 1CH: resolves once the meter answered normally (9CH); its refusal (DCH) is `{ ok: false }` with the reason. */
  async relayControl(control: RelayControl): Promise<{ ok: true } | { ok: false; detail: string }> {
    const reply = relayControlReply(await this.request(relayControlRequest(this.address, control)));
    if (reply.ok) return reply;
    if (reply.reason === 'refused') return { ok: false, detail: reply.detail };
    throw new FieldReadError('rejected-frame', reply.reason, `meter ${this.address}: ${reply.detail}`);
  }

  private async read(di: number): Promise<Buffer> {
    const reply = readReplyData(await this.request(readRequest(this.address, di)), di);
    return valueOf(reply.ok ? { ok: true, value: reply.data } : reply, di);
  }

  private async request(frame: Dlt645Frame): Promise<Dlt645Frame> {
    const answer = await this.exchange.request(encodeFrame(frame), frameEnd, this.timeoutMs);
    if (!answer.ok) {
      if (answer.received.length === 0) throw new FieldReadError('no-answer', 'timeout', `meter ${this.address}: no answer within ${this.timeoutMs} ms`);
      throw new FieldReadError('rejected-frame', 'truncated', `meter ${this.address}: the answer stopped after ${answer.received.length} bytes`);
    }
    const decoded = decodeFrame(answer.frame);
    if (!decoded.ok) throw new FieldReadError('rejected-frame', decoded.reason, `meter ${this.address}: ${decoded.detail}`);
    if (decoded.frame.address !== this.address) {
      throw new FieldReadError('rejected-frame', 'address', `meter ${decoded.frame.address} answered a frame to ${this.address}`);
    }
    return decoded.frame;
  }
}

/** A meter's refusal (abnormal reply) is a read without a usable answer; a wrong answer is a corrupt frame. */
function valueOf<T>(parsed: { ok: true; value: T } | ReplyProblem, di: number): T {
  if (parsed.ok) return parsed.value;
  const detail = `${hexDi(di)}: ${parsed.detail}`;
  if (parsed.reason === 'refused') throw new FieldReadError('no-answer', 'refused', detail);
  throw new FieldReadError('rejected-frame', parsed.reason, detail);
}
