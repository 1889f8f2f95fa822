import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { CreateTransferOrderInput, SignOffTransferInput } from './transfer.input';
import type { TransferService } from './transfer.service';
import { TransferOrder } from './transfer-order.entity';

const ORDER = { description: 'The order (one of your company’s; NOT_FOUND otherwise).' };
const CODES = { description: 'Tags (RFID or QR) or serials of the cylinders, 1–10,000; one not of your company is NOT_FOUND.' };

/** Every step of a transfer order; each is checked against its states (INVALID_TRANSFER_TRANSITION) and audited. */
@Resolver(() => TransferOrder)
export class TransferMutationsResolver {
  constructor(private readonly transfers: TransferService) {}

  @Mutation(() => TransferOrder, { description: 'Makes a transfer order, DRAFT, numbered `TR-<year>-<sequence>`.' })
  createTransferOrder(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => CreateTransferOrderInput, { description: 'The order.' }) input: CreateTransferOrderInput,
  ) {
    return this.transfers.create(ctx, input);
  }

  @Mutation(() => TransferOrder, {
    description:
      'Scans cylinders onto the truck (the first scan starts LOADING). Each must be in stock at the from-site with the order’s content, of a spec on its lines, on no other truck, within its line’s plan; any bad scan refuses the whole batch (TRANSFER_SCAN_REFUSED, `extensions.reason`).',
  })
  scanOntoTransfer(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, ORDER) id: string, @Arg('codes', () => [String], CODES) codes: string[]) {
    return this.transfers.scan(ctx, id, codes);
  }

  @Mutation(() => TransferOrder, { description: 'Takes scanned cylinders off the truck again, while LOADING.' })
  unscanFromTransfer(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, ORDER) id: string, @Arg('codes', () => [String], CODES) codes: string[]) {
    return this.transfers.unscan(ctx, id, codes);
  }

  @Mutation(() => TransferOrder, { description: 'The truck leaves: LOADING → DISPATCHED, every loaded cylinder IN_TRANSIT on this order.' })
  dispatchTransfer(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, ORDER) id: string) {
    return this.transfers.dispatch(ctx, id);
  }

  @Mutation(() => TransferOrder, {
    description:
      'Signs for what arrived at the to-site: DISPATCHED → RECEIVED. Received cylinders go into its stock; loaded ones not received become MISSING discrepancies, reported LOST.',
  })
  signOffTransfer(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, ORDER) id: string,
    @Arg('input', () => SignOffTransferInput, { description: 'What arrived.' }) input: SignOffTransferInput,
  ) {
    return this.transfers.signOff(ctx, id, input);
  }

  @Mutation(() => TransferOrder, { description: 'Closes a signed-off order: RECEIVED → CLOSED.' })
  closeTransfer(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, ORDER) id: string) {
    return this.transfers.close(ctx, id);
  }

  @Mutation(() => TransferOrder, { description: 'Gives an order up before dispatch (DRAFT or LOADING → CANCELLED); its scans are released.' })
  cancelTransfer(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, ORDER) id: string,
    @Arg('reason', () => String, { description: 'Why, 1–300 characters.' }) reason: string,
  ) {
    return this.transfers.cancel(ctx, id, reason);
  }
}
