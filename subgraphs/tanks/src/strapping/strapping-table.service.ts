import { type DataSource } from 'typeorm';
import { HearthError, notFound } from '@hearth/platform';
import { strappingTableProblem } from '@hearth/platform/domain';
import { validateInput } from '@hearth/platform/graphql';
import { tenantOf, type DomainCaller } from '@hearth/platform/audit';
import { auditTanks } from '../tanks-audit';
import { Tank } from '../tank/tank.entity';
import { StrappingTable } from './strapping-table.entity';
import { strappingTableSchema, type StrappingTableInput } from './strapping-table.input';

/** A calibration table may exceed the nominal capacity by this much (certificates measure brim-full). */
const CAPACITY_TOLERANCE = 1.05;

export class StrappingTableService {
  constructor(private readonly data: DataSource) {}

  async current(tenantId: string, tankId: string): Promise<StrappingTable | null> {
    return this.data.getRepository(StrappingTable).findOne({ where: { tenantId, tankId }, order: { version: 'DESC' } });
  }

  async history(tenantId: string, tankId: string): Promise<StrappingTable[]> {
    return this.data.getRepository(StrappingTable).find({ where: { tenantId, tankId }, order: { version: 'DESC' } });
  }

  /**
   * Records a new version, which replaces the one in force; audited as `strapping-table.replaced`.
   * Versions are numbered under a row lock so concurrent uploads cannot collide.
   */
  async add(by: DomainCaller, tankId: string, input: StrappingTableInput): Promise<StrappingTable> {
    const tenantId = tenantOf(by);
    const valid = validateInput(strappingTableSchema, input);
    const problem = strappingTableProblem(valid.points);
    if (problem) throw new HearthError('INVALID_STRAPPING_TABLE', `Strapping table ${problem}.`, { field: 'points' });
    return this.data.transaction(async (em) => {
      const tank = await em.getRepository(Tank).findOne({ where: { tenantId, id: tankId }, lock: { mode: 'pessimistic_write' } });
      if (!tank) throw notFound('Tank', tankId);
      const top = valid.points.at(-1)!.volumeLiters;
      if (top > tank.capacityLiters * CAPACITY_TOLERANCE) {
        throw new HearthError('INVALID_STRAPPING_TABLE', `Strapping table tops out at ${top} L, above the tank capacity of ${tank.capacityLiters} L.`, {
          field: 'points',
        });
      }
      const latest = await em.getRepository(StrappingTable).findOne({ where: { tankId }, order: { version: 'DESC' } });
      const table = em
        .getRepository(StrappingTable)
        .create({ tenantId, tankId, version: (latest?.version ?? 0) + 1, points: valid.points, note: valid.note ?? null });
      const saved = await em.getRepository(StrappingTable).save(table);
      await auditTanks(em, by, 'strapping-table.replaced', `tank:${tankId}`, {
        version: saved.version,
        previousVersion: latest?.version ?? null,
        points: saved.points.length,
        note: saved.note,
      });
      return saved;
    });
  }
}
