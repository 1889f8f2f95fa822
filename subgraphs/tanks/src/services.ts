import type { DataSource } from 'typeorm';
import { SiteService } from './site/site.service';
import { StrappingTableService } from './strapping/strapping-table.service';
import { TankService } from './tank/tank.service';

export interface Services {
  tanks: TankService;
  sites: SiteService;
  strapping: StrappingTableService;
}

export const createServices = (data: DataSource): Services => ({
  tanks: new TankService(data),
  sites: new SiteService(data),
  strapping: new StrappingTableService(data),
});
