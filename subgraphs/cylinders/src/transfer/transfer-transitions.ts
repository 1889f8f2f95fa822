import { HearthError } from '@hearth/platform';
import { TransferState } from './transfer.enums';

/** What someone does to a transfer order; each moves its state as `nextTransferState` allows. */
export type TransferAction = 'SCAN' | 'UNSCAN' | 'DISPATCH' | 'SIGN_OFF' | 'CLOSE' | 'CANCEL';

const { DRAFT, LOADING, DISPATCHED, RECEIVED, CLOSED, CANCELLED } = TransferState;

const NEXT: Record<TransferAction, Partial<Record<TransferState, TransferState>>> = {
  // The first scan starts loading; scans go on while loading.
  SCAN: { [DRAFT]: LOADING, [LOADING]: LOADING },
  UNSCAN: { [LOADING]: LOADING },
  DISPATCH: { [LOADING]: DISPATCHED },
  SIGN_OFF: { [DISPATCHED]: RECEIVED },
  CLOSE: { [RECEIVED]: CLOSED },
  // Once dispatched the cylinders are on the road: only a sign-off ends that.
  CANCEL: { [DRAFT]: CANCELLED, [LOADING]: CANCELLED },
};

/** The state `action` takes an order in `state` to, or INVALID_TRANSFER_TRANSITION naming the state. */
export function nextTransferState(state: TransferState, action: TransferAction): TransferState {
  const to = NEXT[action][state];
  if (!to) {
    throw new HearthError(
      'INVALID_TRANSFER_TRANSITION',
      `A ${state} transfer order cannot ${action.toLowerCase().replace('_', ' ')}: reload it and act on its state.`,
      {
        state,
        action,
      },
    );
  }
  return to;
}
