import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ConnectionType, LocalDate, type SubgraphContext } from '@hearth/platform/graphql';
import { ImportFormat } from '@hearth/platform/import';
import type { RegistryDeps } from '../registry-deps';
import { cylinderLoader } from '../registry-loaders';
import { cylinderByTag, getCylinder, listCylinders } from './cylinder-queries';
import type { CylinderMoves } from './cylinder-moves';
import { CylinderContent } from './cylinder.enums';
import { CylinderFilter, CylinderImportDefaults, RegisterCylinderInput, UpdateCylinderInput } from './cylinder.input';
import { Cylinder, CylinderImport } from './cylinder.types';
import { importCylinderFile } from './import-cylinder-file';
import { registerCylinder } from './register-cylinders';
import { updateCylinder } from './update-cylinder';

export const CylinderConnection = ConnectionType(Cylinder, 'Cylinder');

const ID_ARG = { description: 'The cylinder.' } as const;
const SITE_ARG = { description: 'The site (one of yours).' } as const;

@Resolver(() => Cylinder)
export class CylinderResolver {
  constructor(
    private readonly deps: RegistryDeps,
    private readonly moves: CylinderMoves,
  ) {}

  @Query(() => Cylinder, { nullable: true, description: 'One cylinder by id; null if it is not one of yours.' })
  cylinder(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, ID_ARG) id: string) {
    return cylinderLoader(ctx, this.deps).load(id);
  }

  @Query(() => Cylinder, { nullable: true, description: 'The cylinder carrying a tag (a scan); null if none of yours does.' })
  cylinderByTag(@Ctx() ctx: SubgraphContext, @Arg('tag', () => String, { description: 'RFID EPC or QR code.' }) tag: string) {
    return cylinderByTag(this.deps.db, ctx.tenantId, tag);
  }

  @Query(() => CylinderConnection, { description: 'Your cylinders by serial.' })
  cylinders(
    @Ctx() ctx: SubgraphContext,
    @Arg('filter', () => CylinderFilter, { nullable: true, description: 'Conditions; omitted: every cylinder.' }) filter: CylinderFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omitted or null: the first page.' })
    after?: string | null,
  ) {
    return listCylinders(this.deps.db, ctx.tenantId, filter ?? {}, first, after);
  }

  @Mutation(() => Cylinder, { description: 'Puts a cylinder on the registry, REGISTERED at its site.' })
  async registerCylinder(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => RegisterCylinderInput, { description: 'The cylinder.' }) input: RegisterCylinderInput,
  ) {
    return this.reload(ctx, await registerCylinder(this.deps, ctx, input));
  }

  @Mutation(() => CylinderImport, {
    description:
      'Registers many cylinders in one go (columns: the fields of `RegisterCylinderInput`; up to 10,000 rows): all rows, or none and every problem by row.',
  })
  importCylinders(
    @Ctx() ctx: SubgraphContext,
    @Arg('format', () => ImportFormat, { description: 'How `data` is written.' }) format: ImportFormat,
    @Arg('data', () => String, { description: 'The file’s contents.' }) data: string,
    @Arg('defaults', () => CylinderImportDefaults, { nullable: true, description: 'Values for cells left empty, or columns left out.' })
    defaults?: CylinderImportDefaults | null,
  ): Promise<CylinderImport> {
    return importCylinderFile(this.deps, ctx, format, data, defaults ?? {});
  }

  @Mutation(() => Cylinder, { description: 'Corrects registry facts; audited and logged.' })
  async updateCylinder(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('input', () => UpdateCylinderInput, { description: 'The facts to change.' }) input: UpdateCylinderInput,
  ) {
    await updateCylinder(this.deps, ctx, id, input);
    return this.reload(ctx, id);
  }

  @Mutation(() => Cylinder, { description: 'Sends a cylinder to its periodic inspection (from registered, empty stock or returned).' })
  async sendCylinderToInspection(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('siteId', () => ID, { nullable: true, description: 'The inspection station; omitted: where it is.' }) siteId?: string | null,
  ) {
    await this.moves.sendToInspection(ctx, id, siteId);
    return this.reload(ctx, id);
  }

  @Mutation(() => Cylinder, { description: 'Records a passed inspection: back to empty stock, next inspection due a spec interval later.' })
  async passCylinderInspection(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('inspectedOn', () => LocalDate, { description: 'The inspection date; not in the future.' }) inspectedOn: string,
  ) {
    await this.moves.passInspection(ctx, id, inspectedOn);
    return this.reload(ctx, id);
  }

  @Mutation(() => Cylinder, { description: 'Scraps a cylinder: nothing more may happen to it, and every scale refuses it.' })
  async scrapCylinder(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('reason', () => String, { description: 'Why, 1–300 characters.' }) reason: string,
  ) {
    await this.moves.scrap(ctx, id, reason);
    return this.reload(ctx, id);
  }

  @Mutation(() => Cylinder, { description: 'Reports a cylinder lost; scales refuse it until it is found.' })
  async reportCylinderLost(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('reason', () => String, { description: 'Why, 1–300 characters.' }) reason: string,
  ) {
    await this.moves.reportLost(ctx, id, reason);
    return this.reload(ctx, id);
  }

  @Mutation(() => Cylinder, { description: 'Takes a lost cylinder in where it turned up, as returned (to be checked before it is filled).' })
  async findCylinder(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, ID_ARG) id: string, @Arg('siteId', () => ID, SITE_ARG) siteId: string) {
    await this.moves.find(ctx, id, siteId);
    return this.reload(ctx, id);
  }

  @Mutation(() => Cylinder, { description: 'Stocks a cylinder in at a site: FULL after filling (check-weighed), EMPTY when registered or returned.' })
  async stockCylinderIn(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('content', () => CylinderContent, { description: 'Full or empty stock.' }) content: CylinderContent,
    @Arg('siteId', () => ID, SITE_ARG) siteId: string,
  ) {
    await this.moves.stockIn(ctx, id, content, siteId);
    return this.reload(ctx, id);
  }

  private reload(ctx: SubgraphContext, id: string) {
    return getCylinder(this.deps.db, ctx.tenantId, id);
  }
}
