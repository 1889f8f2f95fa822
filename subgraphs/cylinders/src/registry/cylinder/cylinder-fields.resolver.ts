import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { LocalDate, type SubgraphContext } from '@hearth/platform/graphql';
import { contentOf, designLifeEnds } from '@hearth/platform/domain';
import { CylinderSpec } from '../spec/cylinder-spec.types';
import type { RegistryDeps } from '../registry-deps';
import { specLoader } from '../registry-loaders';
import { CustomerReference, SiteReference, siteRef } from '@hearth/platform/graphql';
import { CylinderEventConnection, cylinderHistory } from './cylinder-history';
import { CylinderContent } from './cylinder.enums';
import { Cylinder, LastFill } from './cylinder.types';

/** A cylinder's fields that are not its columns. */
@Resolver(() => Cylinder)
export class CylinderFieldsResolver {
  constructor(private readonly deps: RegistryDeps) {}

  @FieldResolver(() => CylinderSpec, { description: 'Its spec.' })
  spec(@Root() c: Cylinder, @Ctx() ctx: SubgraphContext) {
    return specLoader(ctx, this.deps).load(c.specCode);
  }

  @FieldResolver(() => CylinderContent, { nullable: true, description: 'Full or empty: from its state, or in transit from its transfer line; null when lost.' })
  content(@Root() c: Cylinder) {
    if (c.state === 'IN_TRANSIT') return c.inTransitFull ? CylinderContent.FULL : CylinderContent.EMPTY;
    return contentOf(c.state);
  }

  @FieldResolver(() => LocalDate, { description: 'The last day of its design life: after it, no scale fills it.' })
  designLifeEnds(@Root() c: Cylinder) {
    return designLifeEnds(c.manufacturedOn, c.designLifeYears);
  }

  @FieldResolver(() => SiteReference, { nullable: true, description: 'The filling station it is fixed to (定点充装); null: any station of its owner.' })
  fixedStation(@Root() c: Cylinder) {
    return siteRef(c.fixedStationId);
  }

  @FieldResolver(() => SiteReference, { nullable: true, description: 'Where it is; null in transit, at a customer or lost.' })
  location(@Root() c: Cylinder) {
    return siteRef(c.locationSiteId);
  }

  @FieldResolver(() => CustomerReference, { nullable: true, description: 'The customer holding it; null unless at a customer.' })
  holder(@Root() c: Cylinder) {
    return c.holderCustomerId ? { id: c.holderCustomerId } : null;
  }

  @FieldResolver(() => LastFill, { nullable: true, description: 'Its last fill; null before the first.' })
  lastFill(@Root() c: Cylinder): LastFill | null {
    if (!c.lastFilledAt || !c.lastFillStationId || c.lastNetKg == null) return null;
    return { at: c.lastFilledAt, stationId: c.lastFillStationId, netKg: c.lastNetKg };
  }

  @FieldResolver(() => CylinderEventConnection, { description: 'Its log, newest first: every move, who, where, with which device.' })
  history(
    @Root() c: Cylinder,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omitted or null: the first page.' })
    after?: string | null,
  ) {
    return cylinderHistory(this.deps.db, ctx.tenantId, c.id, first, after);
  }
}
