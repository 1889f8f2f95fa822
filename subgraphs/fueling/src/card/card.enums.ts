import { registerEnumType } from 'type-graphql';

export enum FuelCardKind {
  NAMED = 'NAMED',
  ANONYMOUS = 'ANONYMOUS',
  MASTER = 'MASTER',
  SUB = 'SUB',
}
registerEnumType(FuelCardKind, {
  name: 'FuelCardKind',
  description: 'What a fuel card is.',
  valuesConfig: {
    NAMED: { description: 'A customer’s own card: lost cards are refused and reissued with their balance.' },
    ANONYMOUS: { description: 'A stored-value card sold over the counter, with a wallet of its own.' },
    MASTER: { description: 'A company’s master card: its sub-cards pay from its account.' },
    SUB: { description: 'A sub-card of a company’s master card (a driver’s, a vehicle’s), with limits of its own.' },
  },
});

export enum FuelCardFunding {
  STORED_VALUE = 'STORED_VALUE',
  CREDIT = 'CREDIT',
}
registerEnumType(FuelCardFunding, {
  name: 'FuelCardFunding',
  description: 'How a card pays.',
  valuesConfig: {
    STORED_VALUE: { description: 'From money paid in beforehand (its wallet’s balance).' },
    CREDIT: { description: 'On the company’s account, up to its credit limit, settled later.' },
  },
});

export enum FuelCardStatus {
  ACTIVE = 'ACTIVE',
  LOST = 'LOST',
  BLOCKED = 'BLOCKED',
  REPLACED = 'REPLACED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(FuelCardStatus, {
  name: 'FuelCardStatus',
  description: 'Whether a card may buy fuel; every status but ACTIVE puts it on the blacklist.',
  valuesConfig: {
    ACTIVE: { description: 'In use.' },
    LOST: { description: 'Reported lost: refused everywhere until reissued.' },
    BLOCKED: { description: 'Blocked by the company.' },
    REPLACED: { description: 'Reissued: the new card took its balance and limits.' },
    CANCELLED: { description: 'Given back and cancelled.' },
  },
});

export enum CardLimitPeriod {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  LIFETIME = 'LIFETIME',
}
registerEnumType(CardLimitPeriod, {
  name: 'CardLimitPeriod',
  description: 'The period a card limit counts over, in the company’s time zone.',
  valuesConfig: {
    DAY: { description: 'Since midnight.' },
    WEEK: { description: 'Since Monday midnight.' },
    MONTH: { description: 'Since the first of the month.' },
    LIFETIME: { description: 'Since the card was issued.' },
  },
});

export enum CardList {
  BLACK = 'BLACK',
  GREY = 'GREY',
}
registerEnumType(CardList, {
  name: 'CardList',
  description: 'The lists a station’s controller keeps to sell while offline.',
  valuesConfig: {
    BLACK: { description: 'Cards refused (lost, blocked, replaced, cancelled).' },
    GREY: { description: 'Cards locked by a sale not yet settled (a sale cut off mid-way): refused until its record arrives.' },
  },
});

export enum CardListOp {
  ADD = 'ADD',
  REMOVE = 'REMOVE',
}
registerEnumType(CardListOp, {
  name: 'CardListOp',
  description: 'A change to a list.',
  valuesConfig: { ADD: { description: 'Put on.' }, REMOVE: { description: 'Taken off.' } },
});
