import type { Downlink } from '@hearth/broker';
import type { Database } from '@hearth/platform/db';
import type { Logger } from 'pino';
import { commandsToSend, markSent, type CommandRecord } from '../store/command-store';
import { commandPayload } from './command-payload';
import type { Peers } from '../instances/peer-instances';

/**
 * Takes commands from the database to gateways. Open commands wait in `twins.command` (so a
 * restart loses none) and go out, in order, whenever their gateway can receive: right after they
 * are made, and whenever a connection of the gateway subscribes to its command topics (or comes
 * back with a persistent session). A command sent to a connection that has since gone is sent
 * again to the next one; gateways act on a command id once.
 */
export class CommandDispatcher {
  /** One delivery at a time per gateway keeps its commands in order. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly stop: () => void;

  constructor(
    private readonly db: Database,
    private readonly downlink: Downlink,
    private readonly logger: Logger,
    /** Fields a command's kind adds to its payload (`TwinKind.commandFields`). */
    private readonly kindFields: (command: CommandRecord) => Record<string, unknown> = () => ({}),
    /** The other twins instances: the gateway may be connected to one of them (ADR 0014). */
    private readonly peers?: Peers,
  ) {
    this.stop = downlink.onRoute((gatewayId, since) => void this.deliver(gatewayId, since));
  }

  /**
   * Sends the gateway's pending commands, and those sent before `resendSentBefore` again. A command
   * with no route here is asked of the other instances, unless they asked (`fromPeer`).
   */
  deliver(gatewayId: string, resendSentBefore: Date | null = null, fromPeer = false): Promise<void> {
    const previous = this.chains.get(gatewayId) ?? Promise.resolve();
    const next = previous.then(() => this.send(gatewayId, resendSentBefore, fromPeer));
    const settled = next.catch((err: unknown) => this.logger.error({ err, gatewayId }, 'command delivery failed'));
    this.chains.set(gatewayId, settled);
    void settled.then(() => this.chains.get(gatewayId) === settled && this.chains.delete(gatewayId));
    return settled;
  }

  close(): Promise<void> {
    this.stop();
    return Promise.all(this.chains.values()).then(() => undefined);
  }

  private async send(gatewayId: string, resendSentBefore: Date | null, fromPeer: boolean): Promise<void> {
    let unrouted = false;
    for (const command of await commandsToSend(this.db, gatewayId, resendSentBefore)) {
      const outcome = await this.downlink.send({
        gatewayId,
        kind: command.kind,
        deviceId: command.deviceId,
        id: command.id,
        payload: commandPayload(command, this.kindFields(command)),
      });
      // No route: not subscribed to this device's topic, or gone again; it waits for the next route.
      if (outcome === 'no-route') {
        unrouted = true;
        continue;
      }
      await markSent(this.db, command.id, gatewayId);
      this.logger.debug({ gatewayId, commandId: command.id, deviceId: command.deviceId }, 'command sent');
    }
    if (unrouted && !fromPeer) this.peers?.askToDeliver(gatewayId);
  }
}
