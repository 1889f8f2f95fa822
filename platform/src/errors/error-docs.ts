import { errorCodes, type ErrorCodeSpec } from './error-codes';

/** Renders docs/errors.md from the registry, so the docs cannot drift from the code. */
export function renderErrorDocs(): string {
  const section = (surface: ErrorCodeSpec['surface'], title: string) => {
    const rows = Object.entries(errorCodes as Record<string, ErrorCodeSpec>)
      .filter(([, spec]) => spec.surface === surface)
      .map(([code, spec]) => `| \`${code}\` | ${spec.meaning} | ${spec.remedy} |`);
    return [`## ${title}`, '', '| code | meaning | what to do |', '| --- | --- | --- |', ...rows, ''].join('\n');
  };
  return [
    '# Error codes',
    '',
    '<!-- Generated from platform/src/errors/error-codes.ts by `npm run docs:errors`; a test fails when it is stale. -->',
    '',
    'Every GraphQL error carries one of these codes in `extensions.code`. MQTT rejections are counted by reason in',
    '`hearth_mqtt_rejections_total{reason}` and shown on the device twin.',
    '',
    section('graphql', 'GraphQL'),
    section('mqtt', 'MQTT rejection reasons'),
  ].join('\n');
}
