import { registerEnumType } from 'type-graphql';

/** 居民户 / 工商户 (seed 000): commercial and industrial customers may hold contracts and credit. */
export enum CustomerType {
  RESIDENTIAL = 'RESIDENTIAL',
  COMMERCIAL = 'COMMERCIAL',
  INDUSTRIAL = 'INDUSTRIAL',
}

export enum CustomerStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  TERMINATED = 'TERMINATED',
}

/** How the customer pays for gas. */
export enum PaymentMethod {
  PREPAID_WALLET = 'PREPAID_WALLET',
  CASH_ON_DELIVERY = 'CASH_ON_DELIVERY',
  MONTHLY_CREDIT = 'MONTHLY_CREDIT',
  BANK_DEBIT = 'BANK_DEBIT',
}

/** The document an ID number belongs to: a resident ID (GB 11643, checked) or another (passport, business licence). */
export enum IdKind {
  RESIDENT_ID = 'RESIDENT_ID',
  OTHER = 'OTHER',
}

registerEnumType(CustomerType, {
  name: 'CustomerType',
  description: 'Residential (居民户), commercial or industrial (工商户).',
  valuesConfig: {
    RESIDENTIAL: { description: 'A household (居民户).' },
    COMMERCIAL: { description: 'A shop, restaurant or office (商业户); may hold a contract and credit.' },
    INDUSTRIAL: { description: 'A works or factory (工业户); may hold a contract and credit.' },
  },
});
registerEnumType(CustomerStatus, {
  name: 'CustomerStatus',
  description: 'In service, suspended, or terminated (closed; kept for history).',
  valuesConfig: {
    ACTIVE: { description: 'In service (在用).' },
    SUSPENDED: { description: 'Supply paused (停用), e.g. during a safety rectification.' },
    TERMINATED: { description: 'Account closed (销户); the record and its history are kept.' },
  },
});
registerEnumType(PaymentMethod, {
  name: 'PaymentMethod',
  description: 'How the customer pays for gas.',
  valuesConfig: {
    PREPAID_WALLET: { description: 'From the prepaid wallet.' },
    CASH_ON_DELIVERY: { description: 'Cash to the delivery worker.' },
    MONTHLY_CREDIT: { description: 'Monthly, on credit under a contract.' },
    BANK_DEBIT: { description: 'Direct debit from a bank account.' },
  },
});
registerEnumType(IdKind, {
  name: 'IdKind',
  description: 'The kind of identity document an ID number belongs to.',
  valuesConfig: {
    RESIDENT_ID: { description: 'Resident identity card (居民身份证), 18 characters with a GB 11643-1999 check character.' },
    OTHER: { description: 'Another document: passport, business licence, old 15-digit card (6–20 letters or digits).' },
  },
});
