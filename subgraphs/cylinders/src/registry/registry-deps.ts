import type { DataSource } from 'typeorm';
import type { Database } from '@hearth/platform/db';
import type { SpecService } from './spec/spec.service';

/** What the registry's cylinder modules use: the database, TypeORM's transactions (for the audit), the specs. */
export interface RegistryDeps {
  db: Database;
  data: DataSource;
  specs: SpecService;
}
