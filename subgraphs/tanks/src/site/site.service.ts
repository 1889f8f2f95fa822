import type { DataSource } from 'typeorm';
import { notFound } from '@hearth/platform';
import { findByIds, pageByName, saveUnique } from '@hearth/platform/db';
import { validateInput, type Connection } from '@hearth/platform/graphql';
import { tenantOf, type DomainCaller } from '@hearth/platform/audit';
import { auditTanks } from '../tanks-audit';
import { Site } from './site.entity';
import { createSiteSchema, type CreateSiteInput } from './site.input';

export class SiteService {
  constructor(private readonly data: DataSource) {}

  private get sites() {
    return this.data.getRepository(Site);
  }

  list(tenantId: string, first: number, after?: string | null): Promise<Connection<Site>> {
    return pageByName(this.sites.createQueryBuilder('s').where('s.tenantId = :tenantId', { tenantId }), 's', first, after);
  }

  byIds(tenantId: string, ids: readonly string[]): Promise<Map<string, Site>> {
    return findByIds(this.sites, tenantId, ids);
  }

  async get(tenantId: string, id: string): Promise<Site> {
    const site = (await this.byIds(tenantId, [id])).get(id);
    if (!site) throw notFound('Site', id);
    return site;
  }

  /** Registers a site; audited as `site.created`. */
  async create(by: DomainCaller, input: CreateSiteInput): Promise<Site> {
    const valid = validateInput(createSiteSchema, input);
    return this.data.transaction(async (em) => {
      const sites = em.getRepository(Site);
      const site = sites.create({ ...valid, address: valid.address ?? null, tenantId: tenantOf(by) });
      const saved = await saveUnique(sites, site, { field: 'code', message: `A site with code "${valid.code}" already exists.` });
      await auditTanks(em, by, 'site.created', `site:${saved.id}`, { code: saved.code, name: saved.name, address: saved.address });
      return saved;
    });
  }
}
