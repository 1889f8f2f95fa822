import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType, type GraphQLSchema } from 'graphql';

/**
 * Every element of a schema a front-end developer reads in their tools without a description:
 * types, fields, arguments, input fields and enum values, as schema coordinates (`Tank.twin`,
 * `Query.tanks(first:)`, `AlarmSeverity.CRITICAL`). GraphQL's own types and scalars are left out.
 */
export function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const blank = (description: string | null | undefined) => !description?.trim();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    if (blank(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (blank(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (blank(value.description)) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing;
}

/** Elements counted by `undocumented`, for the share documented. */
export function documentable(schema: GraphQLSchema): number {
  let n = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    n++;
    if (isObjectType(type) || isInterfaceType(type)) for (const field of Object.values(type.getFields())) n += 1 + field.args.length;
    else if (isInputObjectType(type)) n += Object.keys(type.getFields()).length;
    else if (isEnumType(type)) n += type.getValues().length;
  }
  return n;
}
