import { registerEnumType } from 'type-graphql';

/**
 * What a transfer order carries and which way (DOMAIN.md: "type: empty in/out, full in/out"). The
 * type sets the content every loaded cylinder must have; the sites are whatever the order names.
 */
export enum TransferType {
  FULL_OUT = 'FULL_OUT',
  FULL_IN = 'FULL_IN',
  EMPTY_OUT = 'EMPTY_OUT',
  EMPTY_BACK = 'EMPTY_BACK',
}

export enum TransferState {
  DRAFT = 'DRAFT',
  LOADING = 'LOADING',
  DISPATCHED = 'DISPATCHED',
  RECEIVED = 'RECEIVED',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}

export enum TransferDiscrepancyKind {
  MISSING = 'MISSING',
}

/** Whether an order of this type carries full cylinders. */
export const carriesFull = (type: TransferType): boolean => type === TransferType.FULL_OUT || type === TransferType.FULL_IN;

registerEnumType(TransferType, {
  name: 'TransferType',
  description: 'What a transfer order (调拨单) carries and which way; the type decides whether every cylinder loaded must be full or empty.',
  valuesConfig: {
    FULL_OUT: { description: 'Full cylinders out from a filling station or depot to a store (配送满瓶).' },
    FULL_IN: { description: 'Full cylinders in to a depot or station: a store’s unsold stock, or full cylinders taken over from another site.' },
    EMPTY_OUT: { description: 'Empty cylinders out from a depot or station: to another filling station, or towards inspection.' },
    EMPTY_BACK: { description: 'Empty cylinders (and those taken back with residual gas) back from a store to a depot or filling station (回空).' },
  },
});
registerEnumType(TransferState, {
  name: 'TransferState',
  description: 'DRAFT → LOADING (first scan) → DISPATCHED → RECEIVED (signed off) → CLOSED; CANCELLED from DRAFT or LOADING only.',
  valuesConfig: {
    DRAFT: { description: 'Planned: lines set, nothing loaded yet.' },
    LOADING: { description: 'Cylinders are being scanned onto the truck; they are still in stock at the from-site.' },
    DISPATCHED: { description: 'On the road: every loaded cylinder is IN_TRANSIT on this order.' },
    RECEIVED: { description: 'Signed off at the to-site: received cylinders are in its stock, missing ones reported lost.' },
    CLOSED: { description: 'Done and checked; nothing more happens to it.' },
    CANCELLED: { description: 'Given up before dispatch; no cylinder moved.' },
  },
});
registerEnumType(TransferDiscrepancyKind, {
  name: 'TransferDiscrepancyKind',
  description: 'What did not match at sign-off.',
  valuesConfig: {
    MISSING: { description: 'Loaded and dispatched but not received: the cylinder is reported LOST.' },
  },
});
