import { gql } from '@urql/core';

/**
 * The customer's operations from the detail panel (deposits, transfers, permits, contracts,
 * reversals). Each answers only enough to tell it landed: the panel reads the record again after.
 */

export const COLLECT_DEPOSIT = gql`
  mutation ConsoleCollectDeposit($input: DepositInput!) {
    collectDeposit(input: $input) {
      id
      amountMinor
      balanceAfterMinor
      replayed
    }
  }
`;

export const REFUND_DEPOSIT = gql`
  mutation ConsoleRefundDeposit($input: DepositInput!) {
    refundDeposit(input: $input) {
      id
      amountMinor
      balanceAfterMinor
      replayed
    }
  }
`;

export const REVERSE_POSTING = gql`
  mutation ConsoleReversePosting($input: ReversePostingInput!) {
    reversePosting(input: $input) {
      id
      amountMinor
      balanceAfterMinor
      replayed
    }
  }
`;

export const TRANSFER_STATION = gql`
  mutation ConsoleTransferStation($id: ID!, $stationId: ID!) {
    transferCustomerStation(id: $id, stationId: $stationId) {
      id
    }
  }
`;

export const TRANSFER_OWNERSHIP = gql`
  mutation ConsoleTransferOwnership($id: ID!, $input: TransferOwnershipInput!) {
    transferCustomerOwnership(id: $id, input: $input) {
      id
    }
  }
`;

export const ISSUE_GAS_PERMIT = gql`
  mutation ConsoleIssueGasPermit($customerId: ID!, $input: IssueGasPermitInput!) {
    issueGasPermit(customerId: $customerId, input: $input) {
      id
    }
  }
`;

export const REVOKE_GAS_PERMIT = gql`
  mutation ConsoleRevokeGasPermit($id: ID!, $reason: String!) {
    revokeGasPermit(id: $id, reason: $reason) {
      id
    }
  }
`;

export const RECORD_CONTRACT = gql`
  mutation ConsoleRecordContract($customerId: ID!, $input: RecordContractInput!) {
    recordContract(customerId: $customerId, input: $input) {
      id
    }
  }
`;

export const TERMINATE_CONTRACT = gql`
  mutation ConsoleTerminateContract($id: ID!) {
    terminateContract(id: $id) {
      id
    }
  }
`;
