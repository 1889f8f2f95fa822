import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '@hearth/platform';
import { HearthClient } from './hearth-client';

/**
 * The fleet from a shell, through the public API (so it is authenticated, limited and audited like
 * any caller): `npm run fleet -- <command>` with HEARTH_URL and HEARTH_API_KEY (a key with
 * fleet:write). Secrets go to stdout, everything else to stderr.
 */
const USAGE = `usage: npm run fleet -- <command>
  import <file.csv|file.json> [--devices|--gateways]   all rows or none (kind column → devices, else gateways);
                                                      new gateways' secrets are printed as CSV: gatewayId,secret
  register-gateway <name> [--id <gateway id>]           prints the new secret (shown once)
  rotate-secret <gateway id> [--grace <seconds>]        prints the new secret; the old one works for the grace (default 86400)
  gateways                                             lists your gateways
environment: HEARTH_URL (the gateway's GraphQL URL, e.g. http://localhost:4000/graphql), HEARTH_API_KEY
`;

const fail = (message: string, code = 2): never => {
  process.stderr.write(message.endsWith('\n') ? message : `${message}\n`);
  process.exit(code);
};

type Problem = { row: number; line: number | null; field: string | null; message: string };
type ImportResult = { rows: number; imported: number; rejectedRows: number; problems: Problem[]; credentials?: { gatewayId: string; secret: string }[] };

async function importFile(client: HearthClient, file: string, what: 'devices' | 'gateways' | undefined): Promise<void> {
  // npm runs scripts in the repository root; INIT_CWD is where the command was typed.
  const data = await readFile(resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8');
  const format = extname(file).toLowerCase() === '.json' ? 'JSON' : 'CSV';
  const kind = what ?? (looksLikeDevices(data, format) ? 'devices' : 'gateways');
  const fields = 'rows imported rejectedRows problems { row line field message }';
  const result =
    kind === 'devices'
      ? (
          await client.call<{ importDevices: ImportResult }>(`mutation($f: ImportFormat!, $d: String!) { importDevices(format: $f, data: $d) { ${fields} } }`, {
            f: format,
            d: data,
          })
        ).importDevices
      : (
          await client.call<{ importGateways: ImportResult }>(
            `mutation($f: ImportFormat!, $d: String!) { importGateways(format: $f, data: $d) { ${fields} credentials { gatewayId secret } } }`,
            { f: format, d: data },
          )
        ).importGateways;
  for (const p of result.problems) {
    const where = p.row === 0 ? 'file' : `row ${p.row}${p.line ? ` (line ${p.line})` : ''}`;
    process.stderr.write(`${where}${p.field ? ` ${p.field}` : ''}: ${p.message}\n`);
  }
  if (result.imported === 0) {
    fail(
      `nothing imported (all rows or none): ${result.rejectedRows ? `${result.rejectedRows} of ${result.rows} rows have problems` : 'the file has problems'}`,
      1,
    );
  }
  if (result.credentials?.length) process.stdout.write(`gatewayId,secret\n${result.credentials.map((c) => `${c.gatewayId},${c.secret}`).join('\n')}\n`);
  process.stderr.write(`imported ${result.imported} of ${result.rows} rows (${kind})\n`);
}

function looksLikeDevices(data: string, format: 'CSV' | 'JSON'): boolean {
  if (format === 'CSV') return /(^|,)\s*"?kind"?\s*(,|$)/i.test(data.split(/\r?\n/, 1)[0] ?? '');
  try {
    const first = (JSON.parse(data) as unknown[])[0];
    return typeof first === 'object' && first !== null && 'kind' in first;
  } catch {
    return false;
  }
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { devices: { type: 'boolean' }, gateways: { type: 'boolean' }, id: { type: 'string' }, grace: { type: 'string' }, help: { type: 'boolean' } },
});
const [command, arg] = positionals;
if (values.help || !command) fail(USAGE, values.help ? 0 : 2);
let config: { HEARTH_URL: string; HEARTH_API_KEY: string };
try {
  config = loadConfig(z.object({ HEARTH_URL: z.url(), HEARTH_API_KEY: z.string().min(1, 'an API key with fleet:write') }));
} catch (err) {
  fail(err instanceof ConfigError ? `${err.message}\n\n${USAGE}` : String(err));
}
const client = new HearthClient(config!.HEARTH_URL, config!.HEARTH_API_KEY);
const gatewayFields = 'gateway { id name } secret';
try {
  if (command === 'import' && arg) {
    await importFile(client, arg, values.devices ? 'devices' : values.gateways ? 'gateways' : undefined);
  } else if (command === 'register-gateway' && arg) {
    const { registerGateway } = await client.call<{ registerGateway: { gateway: { id: string }; secret: string } }>(
      `mutation($name: String!, $id: String) { registerGateway(input: { name: $name, id: $id }) { ${gatewayFields} } }`,
      { name: arg, id: values.id ?? null },
    );
    process.stdout.write(`gatewayId,secret\n${registerGateway.gateway.id},${registerGateway.secret}\n`);
  } else if (command === 'rotate-secret' && arg) {
    const { rotateGatewaySecret } = await client.call<{
      rotateGatewaySecret: { gateway: { id: string; previousSecretValidUntil: string | null }; secret: string };
    }>('mutation($id: ID!, $grace: Int!) { rotateGatewaySecret(id: $id, graceSeconds: $grace) { gateway { id previousSecretValidUntil } secret } }', {
      id: arg,
      grace: Number(values.grace ?? 86_400),
    });
    process.stdout.write(`gatewayId,secret\n${rotateGatewaySecret.gateway.id},${rotateGatewaySecret.secret}\n`);
    process.stderr.write(`the old secret works until ${rotateGatewaySecret.gateway.previousSecretValidUntil ?? 'now (no grace)'}\n`);
  } else if (command === 'gateways') {
    type Page = { edges: { node: { id: string; name: string; deviceCount: number } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    for (let after: string | null = null; ;) {
      const { gateways }: { gateways: Page } = await client.call<{ gateways: Page }>(
        'query($after: String) { gateways(first: 200, after: $after) { edges { node { id name deviceCount } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      for (const { node } of gateways.edges) process.stdout.write(`${node.id}\t${node.deviceCount} devices\t${node.name}\n`);
      if (!gateways.pageInfo.hasNextPage) break;
      after = gateways.pageInfo.endCursor;
    }
  } else {
    fail(USAGE);
  }
} catch (err) {
  fail((err as Error).message, 1);
}
