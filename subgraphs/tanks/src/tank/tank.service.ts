import type { DataSource } from 'typeorm';
import { notFound } from '@hearth/platform';
import { findByIds, pageByName, saveUnique } from '@hearth/platform/db';
import { validateInput, type Connection } from '@hearth/platform/graphql';
import { Site } from '../site/site.entity';
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

  async create(tenantId: string, input: CreateTankInput): Promise<Tank> {
    const valid = validateInput(createTankSchema, input);
    const site = await this.data.getRepository(Site).findOneBy({ tenantId, id: valid.siteId });
    if (!site) throw notFound('Site', valid.siteId);
    const { alarmLevels, ...fields } = valid;
    const tank = this.tanks.create({ ...fields, tenantId, alarmLevels: { ...emptyLevels(), ...alarmLevels, deadbandMm: alarmLevels?.deadbandMm ?? 10 } });
    return this.saveUnique(tank);
  }

  async update(tenantId: string, id: string, input: UpdateTankInput): Promise<Tank> {
    const valid = validateInput(updateTankSchema, input);
    const tank = await this.get(tenantId, id);
    const { alarmLevels, ...fields } = valid;
    Object.assign(tank, fields);
    if (alarmLevels) {
      const merged = { ...tank.alarmLevels, ...stripUndefined(alarmLevels) };
      tank.alarmLevels = validateInput(updateTankSchema.shape.alarmLevels, merged) as Tank['alarmLevels'];
      tank.alarmLevels.deadbandMm ??= 10;
    }
    return this.saveUnique(tank);
  }

  private saveUnique(tank: Tank): Promise<Tank> {
    return saveUnique(this.tanks, tank, { field: 'name', message: `A tank named "${tank.name}" already exists at this site.` });
  }
}

const emptyLevels = () => ({ highHighMm: null, highMm: null, lowMm: null, lowLowMm: null });
const stripUndefined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
