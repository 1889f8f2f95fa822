import type { DataSource, EntityManager } from 'typeorm';
import { notFound } from '@hearth/platform';
import { findByIds, isUuid, pageByName, saveUnique } from '@hearth/platform/db';
import { definedFields, validateInput, type Connection } from '@hearth/platform/graphql';
import { Site } from '../site/site.entity';
import { changedFields, tenantOf, type DomainCaller } from '@hearth/platform/audit';
import { auditTanks } from '../tanks-audit';
import { Tank } from './tank.entity';
import { createTankSchema, updateTankSchema, type CreateTankInput, type UpdateTankInput } from './tank.input';

export interface TankPage {
  first: number;
  after?: string | null;
  siteId?: string | null;
}

/** Business rules for tanks; resolvers stay thin and every query is scoped to the tenant. */
export class TankService {
  constructor(private readonly data: DataSource) {}

  private get tanks() {
    return this.data.getRepository(Tank);
  }

  list(tenantId: string, page: TankPage): Promise<Connection<Tank>> {
    const query = this.tanks.createQueryBuilder('t').where('t.tenantId = :tenantId', { tenantId });
    if (page.siteId) query.andWhere('t.siteId = :siteId', { siteId: page.siteId });
    return pageByName(query, 't', page.first, page.after);
  }

  byIds(tenantId: string, ids: readonly string[]): Promise<Map<string, Tank>> {
    return findByIds(this.tanks, tenantId, ids);
  }

  async get(tenantId: string, id: string): Promise<Tank> {
    const tank = (await this.byIds(tenantId, [id])).get(id);
    if (!tank) throw notFound('Tank', id);
    return tank;
  }

  /** Registers a tank at one of the caller's sites; audited as `tank.created`. */
  async create(by: DomainCaller, input: CreateTankInput): Promise<Tank> {
    const tenantId = tenantOf(by);
    const valid = validateInput(createTankSchema, input);
    return this.data.transaction(async (em) => {
      const site = isUuid(valid.siteId) ? await em.getRepository(Site).findOneBy({ tenantId, id: valid.siteId }) : null;
      if (!site) throw notFound('Site', valid.siteId);
      const { alarmLevels, ...fields } = valid;
      const levels = { ...emptyLevels(), ...alarmLevels, deadbandMm: alarmLevels?.deadbandMm ?? 10 };
      const tank = await saveTank(em, em.getRepository(Tank).create({ ...fields, tenantId, alarmLevels: levels }));
      await auditTanks(em, by, 'tank.created', `tank:${tank.id}`, { siteId: tank.siteId, ...configuration(tank) });
      return tank;
    });
  }

  /** Changes a tank's configuration; audited as `tank.updated` with the changed fields before and after. */
  async update(by: DomainCaller, id: string, input: UpdateTankInput): Promise<Tank> {
    const tenantId = tenantOf(by);
    const valid = validateInput(updateTankSchema, input);
    return this.data.transaction(async (em) => {
      // Locked: the audit's "before" is what this update replaces, not what another one did meanwhile.
      const tank = isUuid(id) ? await em.getRepository(Tank).findOne({ where: { tenantId, id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!tank) throw notFound('Tank', id);
      const before = configuration(tank);
      const { alarmLevels, ...fields } = valid;
      Object.assign(tank, fields);
      if (alarmLevels) {
        const merged = { ...tank.alarmLevels, ...definedFields(alarmLevels) };
        tank.alarmLevels = validateInput(updateTankSchema.shape.alarmLevels, merged) as Tank['alarmLevels'];
        tank.alarmLevels.deadbandMm ??= 10;
      }
      const saved = await saveTank(em, tank);
      const changed = changedFields(before, configuration(saved));
      if (changed) await auditTanks(em, by, 'tank.updated', `tank:${id}`, changed);
      return saved;
    });
  }
}

function saveTank(em: EntityManager, tank: Tank): Promise<Tank> {
  return saveUnique(em.getRepository(Tank), tank, { field: 'name', message: `A tank named "${tank.name}" already exists at this site.` });
}

/** What the audit log records of a tank's configuration. */
const configuration = (tank: Tank) => ({
  name: tank.name,
  product: tank.product,
  capacityLiters: tank.capacityLiters,
  maxFillPercent: tank.maxFillPercent,
  densityKgPerL: tank.densityKgPerL,
  referenceTemperatureC: tank.referenceTemperatureC,
  thermalExpansionPerK: tank.thermalExpansionPerK,
  alarmLevels: { ...tank.alarmLevels },
});

const emptyLevels = () => ({ highHighMm: null, highMm: null, lowMm: null, lowLowMm: null });
