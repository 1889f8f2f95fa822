import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { HearthError, notFound, type CallerContext } from '@hearth/platform';
import { auditChange, changedFields, recordAudit, tenantOf, type DomainCaller } from '@hearth/platform/audit';
import { assertTenantSites, findByIds, pageByName, queryableOf, saveUnique } from '@hearth/platform/db';
import { definedFields, validateInput, type Connection } from '@hearth/platform/graphql';
import { assertServable, openAccount, WALLET_CURRENCY } from '@hearth/platform/ledger';
import { normalizePhone, type PiiProtector } from '@hearth/platform/pii';
import { Customer } from './customer.entity';
import { CustomerStatus, IdKind, PaymentMethod } from './customer.enums';
import {
  createCustomerSchema,
  transferOwnershipSchema,
  updateCustomerSchema,
  type CreateCustomerInput,
  type CustomerFilter,
  type TransferOwnershipInput,
  type UpdateCustomerInput,
} from './customer.input';
import { lockCustomer } from './customer-lock';
import { today } from '../scalars';
import { idNumberColumns, phoneColumns, phoneSearchTokens } from './customer-pii';

export interface RevealedPii {
  idNumber: string | null;
  phones: string[];
}

/** The currency of customer wallets: the yuan, in fen (ISO 4217 CNY, 2 minor digits). */

/** Customer records: every query scoped to the tenant, every change audited with what it changed (masked). */
export class CustomerService {
  constructor(
    private readonly data: DataSource,
    private readonly pii: PiiProtector,
  ) {}

  private get customers() {
    return this.data.getRepository(Customer);
  }

  byIds(tenantId: string, ids: readonly string[]): Promise<Map<string, Customer>> {
    return findByIds(this.customers, tenantId, ids);
  }

  async get(tenantId: string, id: string): Promise<Customer> {
    const customer = (await this.byIds(tenantId, [id])).get(id);
    if (!customer) throw notFound('Customer', id);
    return customer;
  }

  /**
   * Customers by name. A search matches a card or archive number exactly, a name by fragment
   * ("黄"), or — 4 digits or more — a phone number by fragment through its blind tokens, so no
   * phone is decrypted to find it.
   */
  list(tenantId: string, filter: CustomerFilter, first: number, after?: string | null): Promise<Connection<Customer>> {
    const query = this.customers.createQueryBuilder('c').where('c.tenantId = :tenantId', { tenantId });
    if (filter.type) query.andWhere('c.type = :type', { type: filter.type });
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.blacklisted != null) query.andWhere(filter.blacklisted ? 'c.blacklistedAt IS NOT NULL' : 'c.blacklistedAt IS NULL');
    const search = filter.search?.trim();
    if (search) {
      const digits = /^[\d\s+-]+$/.test(search) ? normalizePhone(search) : null;
      const tokens = digits ? phoneSearchTokens(this.pii, digits) : null;
      const name = nameFragment(search);
      query.andWhere(
        tokens
          ? '(c.cardNumber = :search OR c.uniqueNumber = :search OR c.phoneTokens @> CAST(:tokens AS text[]))'
          : `(c.cardNumber = :search OR c.uniqueNumber = :search OR ${nameMatches(name.short)})`,
        { search, tokens, grams: name.grams, like: name.like },
      );
    }
    return pageByName(query, 'c', first, after, { countUpTo: SEARCH_COUNT_CAP, sortMatches: Boolean(search) });
  }

  /** Opens a customer and its wallet (a ledger account, credit limit 0) in one transaction; audited as `customer.created`. */
  async create(by: DomainCaller, input: CreateCustomerInput): Promise<Customer> {
    const tenantId = tenantOf(by);
    const valid = validateInput(createCustomerSchema, input);
    return this.data.transaction(async (em) => {
      await assertTenantSites(queryableOf(em), tenantId, [valid.supplyStationId, valid.premisesSiteId]);
      const cardNumber = valid.cardNumber ?? (await nextCardNumber(em));
      const id = randomUUID();
      const account = await openAccount(queryableOf(em), {
        tenantId,
        type: 'CUSTOMER_WALLET',
        currency: WALLET_CURRENCY,
        name: `${valid.name} (${cardNumber})`,
        ownerRef: `customer:${id}`,
        creditLimitMinor: 0,
      });
      const customer = em.getRepository(Customer).create({
        id,
        tenantId,
        cardNumber,
        type: valid.type,
        status: CustomerStatus.ACTIVE,
        name: valid.name,
        idKind: valid.idNumber ? (valid.idKind ?? IdKind.RESIDENT_ID) : null,
        ...idNumberColumns(this.pii, valid.idNumber ?? null),
        uniqueNumber: valid.uniqueNumber ?? null,
        archiveAddress: valid.archiveAddress ?? null,
        supplyAddress: valid.supplyAddress ?? null,
        ...phoneColumns(this.pii, valid.phones ?? []),
        supplyStationId: valid.supplyStationId ?? null,
        lastSupplyStationId: null,
        premisesSiteId: valid.premisesSiteId ?? null,
        depositAccountId: null,
        paymentMethod: valid.paymentMethod ?? PaymentMethod.PREPAID_WALLET,
        creditLevel: valid.creditLevel ?? null,
        openedOn: valid.openedOn ?? today(),
        insurer: valid.insurer ?? null,
        insurancePolicy: valid.insurancePolicy ?? null,
        insuranceValidUntil: valid.insuranceValidUntil ?? null,
        blacklistReason: null,
        blacklistedAt: null,
        accountId: account.id,
      });
      const saved = await saveCustomer(em, customer);
      await auditChange(em, by, 'customers', 'customer.created', `customer:${saved.id}`, { ...record(saved), accountId: account.id });
      return saved;
    });
  }

  /** Changes a customer record; audited as `customer.updated` with the changed fields (ID and phone numbers masked). */
  async update(by: DomainCaller, id: string, input: UpdateCustomerInput): Promise<Customer> {
    const valid = validateInput(updateCustomerSchema, input);
    return this.change(by, id, 'customer.updated', [valid.premisesSiteId], (customer) => {
      const { idNumber, idKind, phones, status, ...plain } = valid;
      Object.assign(customer, definedFields(plain));
      if (idNumber !== undefined) Object.assign(customer, idNumberColumns(this.pii, idNumber), { idKind: idNumber ? (idKind ?? IdKind.RESIDENT_ID) : null });
      if (phones !== undefined) Object.assign(customer, phoneColumns(this.pii, phones));
      if (status && status !== customer.status) {
        customer.status = status;
        customer.terminatedOn = status === CustomerStatus.TERMINATED ? today() : null;
      }
    });
  }

  /**
   * Moves the customer to another supply station (转站): the old one is kept as the last station.
   * Refused for a blacklisted customer: a transfer is service.
   */
  transferStation(by: DomainCaller, id: string, stationId: string): Promise<Customer> {
    const station = validateInput(z.uuid(), stationId);
    return this.change(by, id, 'customer.station-transferred', [station], (customer) => {
      assertServable(customer);
      if (customer.supplyStationId === station) return;
      customer.lastSupplyStationId = customer.supplyStationId;
      customer.supplyStationId = station;
    });
  }

  /**
   * Transfers the account to a new holder (过户): name, ID and phones change; the card, wallet,
   * deposits and history stay with the account, and the history records both holders (masked).
   */
  transferOwnership(by: DomainCaller, id: string, input: TransferOwnershipInput): Promise<Customer> {
    const valid = validateInput(transferOwnershipSchema, input);
    return this.change(
      by,
      id,
      'customer.ownership-transferred',
      [],
      (customer) => {
        assertServable(customer);
        customer.name = valid.name;
        Object.assign(customer, idNumberColumns(this.pii, valid.idNumber ?? null), { idKind: valid.idNumber ? (valid.idKind ?? IdKind.RESIDENT_ID) : null });
        Object.assign(customer, phoneColumns(this.pii, valid.phones));
      },
      { note: valid.note ?? null },
    );
  }

  /** Refuses the customer service from now on (CUSTOMER_BLACKLISTED); audited with the reason. */
  blacklist(by: DomainCaller, id: string, reason: string): Promise<Customer> {
    const why = validateInput(blacklistReason, reason);
    return this.change(by, id, 'customer.blacklisted', [], (customer) => {
      customer.blacklistReason = why;
      customer.blacklistedAt ??= new Date();
    });
  }

  unblacklist(by: DomainCaller, id: string): Promise<Customer> {
    return this.change(by, id, 'customer.unblacklisted', [], (customer) => {
      customer.blacklistReason = null;
      customer.blacklistedAt = null;
    });
  }

  /**
   * The clear ID numbers and phones of the caller's customers among `ids`, for a caller holding
   * `customers:pii` (the resolver checks). Every such read is recorded: one audit entry per request
   * and batch, naming each customer read (PIPL art. 55: a record of processing).
   */
  async reveal(by: CallerContext, ids: readonly string[]): Promise<Map<string, RevealedPii>> {
    const customers = await this.byIds(by.tenantId, ids);
    if (customers.size === 0) return new Map();
    await recordAudit(queryableOf(this.data.manager), by, {
      domain: 'customers',
      action: 'customer.pii-read',
      target: customers.size === 1 ? `customer:${[...customers.keys()][0]}` : null,
      details: { customerIds: [...customers.keys()] },
    });
    return new Map(
      [...customers].map(([id, c]) => [
        id,
        { idNumber: c.idNumberEnc ? this.pii.decrypt(c.idNumberEnc) : null, phones: c.phonesEnc.map((p) => this.pii.decrypt(p)) },
      ]),
    );
  }

  /**
   * Locks the record, applies `edit`, saves, and audits what changed with `extra` (nothing when
   * nothing did). `sites`: the site ids the change names, which must be the caller's.
   */
  private change(
    by: DomainCaller,
    id: string,
    action: string,
    sites: (string | null | undefined)[],
    edit: (customer: Customer) => void,
    extra: Record<string, unknown> = {},
  ): Promise<Customer> {
    return this.data.transaction(async (em) => {
      // Locked: the audit's "before" is what this change replaces, not what another did meanwhile.
      const customer = await lockCustomer(em, tenantOf(by), id);
      await assertTenantSites(queryableOf(em), tenantOf(by), sites);
      const before = record(customer);
      edit(customer);
      const saved = await saveCustomer(em, customer);
      const changed = changedFields(before, record(saved));
      if (changed) await auditChange(em, by, 'customers', action, `customer:${id}`, { ...changed, ...extra });
      return saved;
    });
  }
}

/** A list's `totalCount` counts up to this many customers: "10,000" reads as "10,000 or more". */
export const SEARCH_COUNT_CAP = 10_000;

/**
 * A name holding the fragment: its grams hold it (see migration 0004); a fragment longer than a gram
 * is then checked in the text itself (its first and last grams may stand apart).
 */
const nameMatches = (short: boolean) => `("c"."name_grams" @> CAST(:grams AS text[])${short ? '' : ' AND lower(c.name) LIKE :like'})`;
const GRAM = 3;

/** What `nameMatches` asks of a fragment: itself as a gram when short, else its first and last grams. */
function nameFragment(search: string): { grams: string[]; short: boolean; like: string } {
  const chars = [...search.toLowerCase()];
  const short = chars.length <= GRAM;
  const grams = short ? [chars.join('')] : [chars.slice(0, GRAM).join(''), chars.slice(-GRAM).join('')];
  return { grams, short, like: `%${chars.join('').replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
}

const blacklistReason = z.string().trim().min(1).max(300);

async function nextCardNumber(em: EntityManager): Promise<string> {
  const [row] = (await em.query(`SELECT nextval('customers.card_number_seq')::text AS n`)) as { n: string }[];
  return row!.n.padStart(10, '0');
}

function saveCustomer(em: EntityManager, customer: Customer): Promise<Customer> {
  return saveUnique(em.getRepository(Customer), customer, {
    field: 'cardNumber',
    message: `Card number ${customer.cardNumber} or archive number ${customer.uniqueNumber ?? ''} is already in use.`,
  });
}

/** What the audit log and history record of a customer: personal numbers only masked (PIPL art. 51). */
const record = (c: Customer) => ({
  cardNumber: c.cardNumber,
  type: c.type,
  status: c.status,
  name: c.name,
  idNumber: c.idNumberMasked,
  uniqueNumber: c.uniqueNumber,
  archiveAddress: c.archiveAddress,
  supplyAddress: c.supplyAddress,
  phones: c.phonesMasked.join(', '),
  supplyStationId: c.supplyStationId,
  lastSupplyStationId: c.lastSupplyStationId,
  premisesSiteId: c.premisesSiteId,
  paymentMethod: c.paymentMethod,
  creditLevel: c.creditLevel,
  terminatedOn: c.terminatedOn,
  insurer: c.insurer,
  insurancePolicy: c.insurancePolicy,
  insuranceValidUntil: c.insuranceValidUntil,
  blacklistReason: c.blacklistReason,
});
