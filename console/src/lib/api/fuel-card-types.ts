/** Fuel cards as the console reads them (fueling); holders are customers. */

export interface FuelCardRow {
  id: string;
  cardNumber: string;
  kind: string;
  funding: string;
  status: string;
  customerId: string | null;
  masterCardId: string | null;
  plate: string | null;
  expiresOn: string | null;
  issuedAt: string;
  holder: { id: string; name: string } | null;
}

export interface FuelCardLimit {
  period: string;
  maxAmountMinor: number | null;
  maxVolumeMl: number | null;
  usedAmountMinor: number;
  usedVolumeMl: number;
  /** The master card's limit, which its sub-cards share. */
  fromMasterCard: boolean;
}

export interface FuelCardFunds {
  balanceMinor: number;
  creditLimitMinor: number;
  heldMinor: number;
  availableMinor: number;
}

export interface FuelCardDetail extends FuelCardRow {
  accountId: string;
  allowedGrades: string[] | null;
  allowedStationIds: string[] | null;
  replacedById: string | null;
  statusChangedAt: string;
  masterCard: { id: string; cardNumber: string } | null;
  limits: FuelCardLimit[];
  funds: FuelCardFunds | null;
}

export interface FuelCardsPage {
  fuelCards: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: FuelCardRow }[] };
}

export interface CardHolder {
  id: string;
  name: string;
  cardNumber: string;
}

/** The API's IssueFuelCardInput, as far as the console sets it. */
export interface IssueFuelCardInput {
  cardNumber: string;
  kind: 'NAMED' | 'ANONYMOUS' | 'MASTER' | 'SUB';
  funding?: 'STORED_VALUE' | 'CREDIT';
  customerId?: string;
  masterCardId?: string;
  plate?: string;
  limits?: { period: 'DAY'; maxAmountMinor: number }[];
}
