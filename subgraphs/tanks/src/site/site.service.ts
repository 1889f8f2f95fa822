import { type DataSource, In } from 'typeorm';
import { HearthError, notFound } from '@hearth/platform';
import { isUniqueViolation } from '@hearth/platform/db';
import { checkPageSize, decodeCursor, toConnection, validateInput, type Connection } from '@hearth/platform/graphql';
import { isUuid } from '../tank/tank.service';
import { Site } from './site.entity';
import { createSiteSchema, type CreateSiteInput } from './site.input';

export class SiteService {
  constructor(private readonly data: DataSource) {}

  private get sites() {
    return this.data.getRepository(Site);
  }

  async list(tenantId: string, firstArg: number, after?: string | null): Promise<Connection<Site>> {
    const first = checkPageSize(firstArg);
    const base = this.sites.createQueryBuilder('s').where('s.tenantId = :tenantId', { tenantId });
    const totalCount = await base.clone().getCount();
    const query = base
      .clone()
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .take(first + 1);
    if (after) {
      const [name, id] = decodeCursor(after, 2);
      query.andWhere('(s.name, s.id) > (:name, :id)', { name, id });
    }
    return toConnection(
      await query.getMany(),
      first,
      totalCount,
      Boolean(after),
      (s) => [s.name, s.id],
      (s) => s,
    );
  }

  async byIds(tenantId: string, ids: readonly string[]): Promise<Map<string, Site>> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return new Map();
    const rows = await this.sites.findBy({ tenantId, id: In(valid) });
    return new Map(rows.map((s) => [s.id, s]));
  }

  async get(tenantId: string, id: string): Promise<Site> {
    const site = (await this.byIds(tenantId, [id])).get(id);
    if (!site) throw notFound('Site', id);
    return site;
  }

  async create(tenantId: string, input: CreateSiteInput): Promise<Site> {
    const valid = validateInput(createSiteSchema, input);
    try {
      return await this.sites.save(this.sites.create({ ...valid, address: valid.address ?? null, tenantId }));
    } catch (err) {
      if (isUniqueViolation(err) || isUniqueViolation((err as { driverError?: unknown }).driverError)) {
        throw new HearthError('CONFLICT', `A site with code "${valid.code}" already exists.`, { field: 'code' });
      }
      throw err;
    }
  }
}
