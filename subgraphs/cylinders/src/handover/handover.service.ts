import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { actorOf, badInput, HearthError, notFound, type CallerContext } from '@hearth/platform';
import { assertTenantSites, isUuid, queryableOf, type Queryable } from '@hearth/platform/db';
import { validateInput } from '@hearth/platform/graphql';
import { moveCylinders } from '../lifecycle/move-cylinders';
import { assertServable, depositAccountOf, lockDepositHolder, moneyChannel, postAs, systemAccount, WALLET_CURRENCY } from '@hearth/platform/ledger';
import {
  handOverSchema,
  settingsSchema,
  takeBackSchema,
  type HandOverCylinderInput,
  type SetHandoverSettingsInput,
  type TakeBackCylinderInput,
} from './handover.input';
import { HANDOVER_COLUMNS, RETURN_COLUMNS, residualCreditMinor, settingsOf, shortWeight, type HandoverRow, type ReturnRow } from './handover-rows';
import type { CylinderHandover, CylinderReturn, HandoverSettings } from './handover.types';

interface CylinderRow {
  id: string;
  serial: string;
  specCode: string;
  state: string;
  holderCustomerId: string | null;
  lastNetKg: number | null;
  tareKg: number;
  specDepositMinor: number;
}

/**
 * Cylinders handed to customers and taken back (ADR 0016, Deposits): each the cylinder's move
 * (`moveCylinders`), its record and its ledger postings in one transaction, under the customer's
 * row lock, idempotent per caller and key.
 */
export class HandoverService {
  constructor(private readonly data: DataSource) {}

  handOver(by: CallerContext, input: HandOverCylinderInput): Promise<CylinderHandover> {
    const valid = validateInput(handOverSchema, input);
    const actor = actorOf(by);
    const hash = requestHash(valid);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const cylinder = await findCylinder(tx, by.tenantId, valid);
      const customer = await lockDepositHolder(tx, by.tenantId, valid.customerId);
      // Under the customer's lock, a repeat of this request sees the first one's row.
      const earlier = await replayed<HandoverRow>(tx, 'handover', HANDOVER_COLUMNS, by.tenantId, actor, valid.idempotencyKey, hash);
      if (earlier) return { ...earlier, replayed: true };
      assertServable(customer);
      await assertTenantSites(tx, by.tenantId, [valid.storeId]);
      const settings = await settingsOf(tx, by.tenantId, cylinder.specCode);
      const weight = shortWeight(valid.grossKg ?? null, cylinder.lastNetKg, cylinder.tareKg, settings.shortWeightToleranceKg);
      const [{ id } = { id: '' }] = await tx.query<{ id: string }>('SELECT gen_random_uuid()::text AS id');

      let depositMinor = 0;
      let journalId: string | null = null;
      if (valid.deposit) {
        depositMinor = valid.deposit.amountMinor ?? cylinder.specDepositMinor;
        if (depositMinor <= 0)
          throw badInput([{ field: 'deposit.amountMinor', message: `spec ${cylinder.specCode} has no deposit: give the amount or lend it` }]);
        const account = await depositAccountOf(tx, by.tenantId, customer);
        const channel = await moneyChannel(tx, by.tenantId, valid.deposit.method, valid.deposit.method === 'CASH' ? valid.storeId : null);
        const posting = await postAs(
          tx,
          actor,
          {
            tenantId: by.tenantId,
            idempotencyKey: `cylinders:handover:${valid.idempotencyKey}`,
            kind: 'DEPOSIT',
            description: `Deposit for cylinder ${cylinder.serial}`,
            actor,
            lines: [
              { accountId: account, amountMinor: depositMinor },
              { accountId: channel.id, amountMinor: -depositMinor },
            ],
            metadata: { handoverId: id, cylinderId: cylinder.id },
          },
          valid.idempotencyKey,
        );
        journalId = posting.journalId;
      }
      await moveCylinders(tx, { tenantId: by.tenantId, actor }, [
        {
          cylinderId: cylinder.id,
          event: 'HAND_OVER',
          siteId: valid.storeId,
          holderCustomerId: customer.id,
          ref: `handover:${id}`,
          details: { kind: valid.deposit ? 'DEPOSIT' : 'LOAN', grossKg: valid.grossKg ?? null, shortWeight: weight.short, driver: valid.driver ?? null },
        },
      ]);
      const [row] = await tx.query<HandoverRow>(
        `INSERT INTO cylinders.handover AS h (id, tenant_id, cylinder_id, spec_code, customer_id, store_id, kind, deposit_minor, deposit_method, deposit_journal_id,
                loan_due_on, driver, gross_kg, expected_gross_kg, tolerance_kg, short_kg, short_weight, actor, idempotency_key, request_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
         RETURNING ${HANDOVER_COLUMNS}`,
        [
          id,
          by.tenantId,
          cylinder.id,
          cylinder.specCode,
          customer.id,
          valid.storeId,
          valid.deposit ? 'DEPOSIT' : 'LOAN',
          depositMinor,
          valid.deposit?.method ?? null,
          journalId,
          valid.loanDueOn ?? null,
          valid.driver ?? null,
          valid.grossKg ?? null,
          weight.expectedGrossKg,
          weight.toleranceKg,
          weight.shortKg,
          weight.short,
          actor,
          valid.idempotencyKey,
          hash,
        ],
      );
      return { ...row!, replayed: false };
    });
  }

  takeBack(by: CallerContext, input: TakeBackCylinderInput): Promise<CylinderReturn> {
    const valid = validateInput(takeBackSchema, input);
    const actor = actorOf(by);
    const hash = requestHash(valid);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const early = await replayed<ReturnRow>(tx, 'cylinder_return', RETURN_COLUMNS, by.tenantId, actor, valid.idempotencyKey, hash);
      if (early) return { ...early, replayed: true };
      const cylinder = await findCylinder(tx, by.tenantId, valid);
      if (!cylinder.holderCustomerId) {
        throw new HearthError('INVALID_CYLINDER_TRANSITION', `Cylinder ${cylinder.serial}: no customer holds it (${cylinder.state}).`, {
          cylinderId: cylinder.id,
          serial: cylinder.serial,
          state: cylinder.state,
          event: 'TAKE_BACK',
          reason: `TAKE_BACK is not possible from ${cylinder.state}`,
        });
      }
      const customer = await lockDepositHolder(tx, by.tenantId, cylinder.holderCustomerId);
      const earlier = await replayed<ReturnRow>(tx, 'cylinder_return', RETURN_COLUMNS, by.tenantId, actor, valid.idempotencyKey, hash);
      if (earlier) return { ...earlier, replayed: true };
      await assertTenantSites(tx, by.tenantId, [valid.storeId]);
      const [holder] = await tx.query<{ holder: string | null }>('SELECT holder_customer_id::text AS holder FROM cylinders.cylinder WHERE id = $1 FOR UPDATE', [
        cylinder.id,
      ]);
      if (holder?.holder !== customer.id) throw new HearthError('CONFLICT', `Cylinder ${cylinder.serial} changed hands meanwhile; try again.`);

      const [open] = await tx.query<{ id: string; depositMinor: number }>(
        `SELECT id::text, deposit_minor::float8 AS "depositMinor" FROM cylinders.handover WHERE tenant_id = $1 AND cylinder_id = $2 AND returned_at IS NULL FOR UPDATE`,
        [by.tenantId, cylinder.id],
      );
      const settings = await settingsOf(tx, by.tenantId, cylinder.specCode);
      const residualKg = Math.max(0, Math.round((valid.grossKg - cylinder.tareKg) * 1000) / 1000);
      const creditMinor = residualCreditMinor(residualKg, settings.residualPricePerKgMinor);
      const [{ id } = { id: '' }] = await tx.query<{ id: string }>('SELECT gen_random_uuid()::text AS id');

      let residualJournal: string | null = null;
      if (creditMinor > 0) {
        const refunds = await systemAccount(tx, by.tenantId, 'REFUNDS', WALLET_CURRENCY, 'RESIDUAL_GAS');
        const posting = await postAs(
          tx,
          actor,
          {
            tenantId: by.tenantId,
            idempotencyKey: `cylinders:takeback:${valid.idempotencyKey}:residual`,
            kind: 'REFUND',
            description: `Residual gas ${residualKg} kg in cylinder ${cylinder.serial}`,
            actor,
            lines: [
              { accountId: customer.accountId, amountMinor: creditMinor },
              { accountId: refunds.id, amountMinor: -creditMinor },
            ],
            metadata: { returnId: id, cylinderId: cylinder.id, residualKg },
          },
          valid.idempotencyKey,
        );
        residualJournal = posting.journalId;
      }
      let refundMinor = 0;
      let refundJournal: string | null = null;
      if (valid.refundDeposit) {
        refundMinor = valid.refundDeposit.amountMinor ?? open?.depositMinor ?? 0;
        if (refundMinor <= 0) throw badInput([{ field: 'refundDeposit.amountMinor', message: 'no deposit was taken with this cylinder: give the amount' }]);
        // No account yet: nothing is held, and the ledger refuses the refund as it would an empty one.
        const account = await depositAccountOf(tx, by.tenantId, customer);
        const channel = await moneyChannel(tx, by.tenantId, valid.refundDeposit.method, valid.refundDeposit.method === 'CASH' ? valid.storeId : null);
        const posting = await postAs(
          tx,
          actor,
          {
            tenantId: by.tenantId,
            idempotencyKey: `cylinders:takeback:${valid.idempotencyKey}:deposit`,
            kind: 'DEPOSIT_RETURN',
            description: `Deposit returned for cylinder ${cylinder.serial}`,
            actor,
            lines: [
              { accountId: account, amountMinor: -refundMinor },
              { accountId: channel.id, amountMinor: refundMinor },
            ],
            metadata: { returnId: id, cylinderId: cylinder.id },
          },
          valid.idempotencyKey,
        );
        refundJournal = posting.journalId;
      }
      await moveCylinders(tx, { tenantId: by.tenantId, actor }, [
        { cylinderId: cylinder.id, event: 'TAKE_BACK', siteId: valid.storeId, ref: `return:${id}`, details: { grossKg: valid.grossKg, residualKg } },
      ]);
      const [row] = await tx.query<ReturnRow>(
        `INSERT INTO cylinders.cylinder_return AS r (id, tenant_id, cylinder_id, customer_id, handover_id, store_id, gross_kg, tare_kg, residual_kg,
                residual_price_per_kg_minor, residual_credit_minor, residual_journal_id, refund_minor, refund_method, refund_journal_id, actor, idempotency_key, request_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         RETURNING ${RETURN_COLUMNS}`,
        [
          id,
          by.tenantId,
          cylinder.id,
          customer.id,
          open?.id ?? null,
          valid.storeId,
          valid.grossKg,
          cylinder.tareKg,
          residualKg,
          settings.residualPricePerKgMinor,
          creditMinor,
          residualJournal,
          refundMinor,
          valid.refundDeposit?.method ?? null,
          refundJournal,
          actor,
          valid.idempotencyKey,
          hash,
        ],
      );
      // The hand-over (and a loan with it) is closed by this take-back.
      if (open) await tx.query('UPDATE cylinders.handover SET returned_at = $2, return_id = $3 WHERE id = $1', [open.id, row!.returnedAt, id]);
      return { ...row!, replayed: false };
    });
  }

  /** Sets a spec's residual price and short-weight tolerance for the caller's tenant (fields omitted stay). */
  setSettings(by: CallerContext, input: SetHandoverSettingsInput): Promise<HandoverSettings> {
    const valid = validateInput(settingsSchema, input);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const [spec] = await tx.query('SELECT 1 FROM cylinders.spec WHERE tenant_id = $1 AND code = $2', [by.tenantId, valid.specCode]);
      if (!spec) throw notFound('CylinderSpec', valid.specCode);
      await tx.query(
        `INSERT INTO cylinders.handover_setting (tenant_id, spec_code, residual_price_per_kg_minor, short_weight_tolerance_kg, updated_by)
         VALUES ($1, $2, coalesce($3, 0), $4, $5)
         ON CONFLICT (tenant_id, spec_code) DO UPDATE SET
           residual_price_per_kg_minor = coalesce($3, handover_setting.residual_price_per_kg_minor),
           short_weight_tolerance_kg = CASE WHEN $6 THEN $4 ELSE handover_setting.short_weight_tolerance_kg END,
           updated_by = $5, updated_at = now()`,
        [
          by.tenantId,
          valid.specCode,
          valid.residualPricePerKgMinor ?? null,
          valid.shortWeightToleranceKg ?? null,
          actorOf(by),
          valid.shortWeightToleranceKg != null,
        ],
      );
      return { specCode: valid.specCode, ...(await settingsOf(tx, by.tenantId, valid.specCode)) };
    });
  }

  settings(tenantId: string, specCode: string): Promise<HandoverSettings | null> {
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const [spec] = await tx.query('SELECT 1 FROM cylinders.spec WHERE tenant_id = $1 AND code = $2', [tenantId, specCode]);
      return spec ? { specCode, ...(await settingsOf(tx, tenantId, specCode)) } : null;
    });
  }
}

/** The tenant's cylinder by id or tag, with what a hand-over needs of its spec; NOT_FOUND otherwise. */
async function findCylinder(tx: Queryable, tenantId: string, ref: { cylinderId?: string | null; tag?: string | null }): Promise<CylinderRow> {
  const byId = Boolean(ref.cylinderId);
  const value = (ref.cylinderId ?? ref.tag)!;
  const [row] =
    byId && !isUuid(value)
      ? []
      : await tx.query<CylinderRow>(
          `SELECT c.id::text, c.serial, c.spec_code AS "specCode", c.state, c.holder_customer_id::text AS "holderCustomerId", c.last_net_kg AS "lastNetKg",
                  s.nominal_tare_kg AS "tareKg", s.deposit_minor::float8 AS "specDepositMinor"
             FROM cylinders.cylinder c JOIN cylinders.spec s ON s.tenant_id = c.tenant_id AND s.code = c.spec_code
            WHERE c.tenant_id = $1 AND ${byId ? 'c.id = $2::uuid' : 'c.tag = $2'}`,
          [tenantId, value],
        );
  if (!row) throw notFound('Cylinder', value);
  return row;
}

/** The row an earlier request under this caller's key made, if the same request; IDEMPOTENCY_KEY_REUSED if another. */
async function replayed<R>(tx: Queryable, table: string, columns: string, tenantId: string, actor: string, key: string, hash: string): Promise<R | null> {
  const [row] = await tx.query<R & { requestHash: string }>(
    `SELECT ${columns}, request_hash AS "requestHash" FROM cylinders.${table} AS ${table === 'handover' ? 'h' : 'r'}
      WHERE tenant_id = $1 AND actor = $2 AND idempotency_key = $3`,
    [tenantId, actor, key],
  );
  if (!row) return null;
  if (row.requestHash !== hash) {
    throw new HearthError('IDEMPOTENCY_KEY_REUSED', `Idempotency key ${key} was already used for another request; nothing was done.`, { idempotencyKey: key });
  }
  const { requestHash: _hash, ...rest } = row;
  return rest as R;
}

function requestHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
