import { badInput, HearthError, type CallerContext } from '@hearth/platform';
import { auditChange } from '@hearth/platform/audit';
import { queryableOf, timeKeyedPage, type Database } from '@hearth/platform/db';
import { validateInput, type Connection } from '@hearth/platform/graphql';
import type { ImportFormat } from '@hearth/platform/import';
import { assertServable, lockDepositHolder } from '@hearth/platform/ledger';
import type { DataSource } from 'typeorm';
import { METER_BALANCE_CHANNEL } from '../charge/meter-charge-posting';
import { DEFAULT_SUPPLY_POLICY } from '../supply/supply-policy.store';
import { lockTariff } from '../tariff/tariff.store';
import { importMeterFile, importMeters, registerMeter } from './meter-registration';
import { meterFilterSchema, protectionSchema, type MeterFilter, type MeterImportDefaults, type RegisterMeterInput } from './meter.input';
import { lockMeter, METER_COLUMNS, metersByIds, PROTECTED_NOW, type MeterRow } from './meter.store';
import type { MeterImport } from './meter.types';

/** `LIKE` pattern characters taken literally. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Meters: registered one by one or imported, bound to a customer's wallet and a tariff, supply protected; every change audited. */
export class MeterService {
  constructor(
    readonly db: Database,
    private readonly data: DataSource,
  ) {}

  byIds(tenantId: string, ids: readonly string[]): Promise<Map<string, MeterRow>> {
    return metersByIds(this.db, tenantId, ids);
  }

  /** The company's meters in the order they were registered, a page at a time. */
  list(tenantId: string, filter: MeterFilter, first: number, after?: string | null): Promise<Connection<MeterRow>> {
    const f = validateInput(meterFilterSchema, filter);
    const search = f.search ?? null;
    return timeKeyedPage<MeterRow>(
      this.db,
      {
        select: METER_COLUMNS,
        // The balance filters need the wallet (on its primary key) and the company's alarm 1 level (its policy, or the default).
        from: `metering.meter m LEFT JOIN ledger.account a ON a.id = m.account_id AND a.tenant_id = m.tenant_id
               LEFT JOIN metering.supply_policy p ON p.tenant_id = m.tenant_id`,
        where: `m.tenant_id = $1 AND ($2::uuid IS NULL OR m.site_id = $2) AND ($3::uuid IS NULL OR m.customer_id = $3) AND ($4::uuid IS NULL OR m.tariff_id = $4)
                AND ($5::text IS NULL OR m.kind = $5) AND ($6::boolean IS NULL OR coalesce(a.balance_minor <= coalesce(p.alarm1_minor, $11), false) = $6)
                AND ($7::bigint IS NULL OR a.balance_minor < $7) AND ($8::boolean IS NULL OR ${PROTECTED_NOW} = $8)
                AND ($9::text IS NULL OR m.relay_intended = $9)
                AND ($10::text IS NULL OR m.serial LIKE $10 || '%' ESCAPE '\\' OR m.name ILIKE '%' || $10 || '%' ESCAPE '\\')`,
        params: [
          tenantId,
          f.siteId ?? null,
          f.customerId ?? null,
          f.tariffId ?? null,
          f.kind ?? null,
          f.lowBalance ?? null,
          f.balanceBelowMinor ?? null,
          f.protected ?? null,
          f.relay ?? null,
          search === null ? null : literal(search),
          DEFAULT_SUPPLY_POLICY.alarm1Minor,
        ],
        time: 'm.created_at',
        id: 'm.id',
        direction: 'ASC',
      },
      first,
      after,
    );
  }

  /** Registers one meter (see `registerMeter`). */
  register(by: CallerContext, input: RegisterMeterInput): Promise<MeterRow> {
    return registerMeter(this.data, by, input);
  }

  /** Registers a CSV or JSON file of meters, all or nothing (see `importMeterFile`). */
  importFile(by: CallerContext, format: `${ImportFormat}`, text: string, defaults?: MeterImportDefaults | null): Promise<MeterImport> {
    return importMeterFile(this.data, by, format, text, defaults ?? {});
  }

  /** Registers meters given as objects, all or nothing (the demo seed; see `importMeters`). */
  importRows(by: CallerContext, rows: readonly unknown[]): Promise<MeterImport> {
    return importMeters(this.data, by, rows);
  }

  /**
   * Binds a meter to a customer's wallet (the one every domain takes the customer's money from) and
   * a tariff of its kind; a bound meter is rebound (a shop let to a new tenant, a new tariff). The
   * customer's row is locked as every service that takes their money locks it, and a blacklisted
   * customer is refused (CUSTOMER_BLACKLISTED). Rebound to another wallet, the meter's billing
   * (`metering.meter_billing`: baseline and tier period) starts afresh for the new customer: the
   * next reading is its baseline. Audited as `meter.bound` with before and after.
   */
  bind(by: CallerContext, meterId: string, customerId: string, tariffId: string): Promise<MeterRow> {
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      // Whose meter first: another company's is NOT_FOUND whatever else is sent.
      const meter = await lockMeter(tx, by.tenantId, meterId);
      if (meter.replacedById)
        throw new HearthError('CONFLICT', `Meter ${meter.serial} was replaced: bind the meter that replaced it.`, { meterId, replacedBy: meter.replacedById });
      const holder = await lockDepositHolder(tx, by.tenantId, customerId);
      assertServable(holder);
      const tariff = await lockTariff(tx, by.tenantId, tariffId, 'share');
      if (tariff.kind !== meter.kind) {
        throw badInput([{ field: 'tariffId', message: `meter ${meter.serial} is ${meter.kind}; tariff ${tariff.name} is for ${tariff.kind} meters` }]);
      }
      const [bound] = await tx.query<MeterRow>(
        `UPDATE metering.meter AS m SET customer_id = $3, account_id = $4, tariff_id = $5 WHERE m.tenant_id = $1 AND m.id = $2 RETURNING ${METER_COLUMNS}`,
        [by.tenantId, meter.id, holder.id, holder.accountId, tariff.id],
      );
      // Another wallet: the new customer's billing starts afresh. Its next reading is the baseline,
      // charged from there (the minutes since the previous customer's last reading are not theirs to
      // pay), and its tiers count from zero (not from the previous customer's consumption).
      if (meter.accountId !== null && meter.accountId !== holder.accountId) {
        await tx.query(
          `UPDATE metering.meter_billing SET baseline_at = NULL, baseline_register_milli = NULL, period_start = NULL, consumed_milli = 0, cost_e7 = 0,
                  updated_at = now()
            WHERE tenant_id = $1 AND meter_id = $2`,
          [by.tenantId, meter.id],
        );
      }
      // The twin shows the balance of the wallet it is bound to now; the supply area looks at the meter on the same notice.
      await tx.query(
        `SELECT pg_notify($4, json_build_object('tenantId', a.tenant_id, 'meterId', $2::uuid, 'balanceMinor', a.balance_minor,
                  'at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text)
           FROM ledger.account a WHERE a.tenant_id = $1 AND a.id = $3`,
        [by.tenantId, meter.id, holder.accountId, METER_BALANCE_CHANNEL],
      );
      await auditChange(em, by, 'metering', 'meter.bound', `meter:${meter.id}`, {
        serial: meter.serial,
        before: { customerId: meter.customerId, accountId: meter.accountId, tariffId: meter.tariffId },
        after: { customerId: holder.id, accountId: holder.accountId, tariffId: tariff.id },
      });
      return bound!;
    });
  }

  /**
   * Protects a meter's supply (保电: it is never cut off for money while protected, until `until`
   * when given) or lifts the protection. Protecting needs a reason. Audited as
   * `meter.supply-protected` or `meter.supply-protection-lifted`.
   */
  setSupplyProtection(
    by: CallerContext,
    meterId: string,
    input: { protected: boolean; reason?: string | null; until?: Date | null },
    now: Date = new Date(),
  ): Promise<MeterRow> {
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const meter = await lockMeter(tx, by.tenantId, meterId);
      const v = validateInput(protectionSchema, input);
      if (v.until && v.until <= now) throw badInput([{ field: 'until', message: 'already past: give a time ahead, or none (until lifted)' }]);
      const [saved] = await tx.query<MeterRow>(
        `UPDATE metering.meter AS m SET supply_protected = $3, protected_reason = CASE WHEN $3 THEN $4 ELSE m.protected_reason END, protected_until = $5
          WHERE m.tenant_id = $1 AND m.id = $2 RETURNING ${METER_COLUMNS}`,
        [by.tenantId, meter.id, v.protected, v.reason ?? null, v.protected ? (v.until ?? null) : null],
      );
      await auditChange(em, by, 'metering', v.protected ? 'meter.supply-protected' : 'meter.supply-protection-lifted', `meter:${meter.id}`, {
        serial: meter.serial,
        reason: v.reason ?? null,
        until: v.until ?? null,
        before: { supplyProtected: meter.supplyProtected, protectedReason: meter.protectedReason, protectedUntil: meter.protectedUntil },
      });
      return saved!;
    });
  }
}
