import { describe, expect, it } from 'vitest';
import { readImportRows } from './import-rows';

const columns = [
  { name: 'kind', required: true },
  { name: 'id', required: true },
  { name: 'gatewayId', required: true },
];

describe('readImportRows', () => {
  it('reads CSV with its columns in any order and any case, numbering data rows from 1 and keeping the line', () => {
    const { rows, problems } = readImportRows('CSV', 'GatewayId,ID,kind\ngw-1, t-1 ,tank\n\ngw-2,t-2,tank\n', columns, 10);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { row: 1, line: 2, values: { gatewayId: 'gw-1', id: 't-1', kind: 'tank' } },
      { row: 2, line: 4, values: { gatewayId: 'gw-2', id: 't-2', kind: 'tank' } },
    ]);
  });

  it('names unknown and missing columns, and rows with the wrong number of fields', () => {
    expect(readImportRows('CSV', 'kind,id,gateway\ntank,t-1,gw-1', columns, 10).problems).toEqual([
      { row: 0, line: 1, field: 'gateway', message: 'unknown column "gateway"; the columns are kind, id, gatewayId' },
      { row: 0, line: 1, field: 'gatewayId', message: 'column gatewayId is missing' },
    ]);
    expect(readImportRows('CSV', 'kind,id,gatewayId\ntank,t-1\ntank,t-2,gw-1', columns, 10)).toMatchObject({
      problems: [{ row: 1, line: 2, message: 'has 2 fields; the header has 3' }],
      rows: [{ row: 2 }],
    });
  });

  it('reads JSON arrays of objects, refusing unknown fields and non-objects per row', () => {
    const { rows, problems } = readImportRows(
      'JSON',
      JSON.stringify([{ kind: 'tank', id: 't-1', gatewayId: 'gw-1' }, 7, { kind: 'tank', gateway: 'x' }]),
      columns,
      10,
    );
    expect(rows.map((r) => r.row)).toEqual([1, 3]);
    expect(problems).toEqual([
      { row: 2, line: null, field: null, message: 'is not an object' },
      { row: 3, line: null, field: 'gateway', message: 'unknown field; the fields are kind, id, gatewayId' },
    ]);
  });

  it('says what is wrong with a file that is not CSV or JSON, or empty, and refuses one too long', () => {
    expect(readImportRows('JSON', '{nope', columns, 10).problems[0]?.message).toMatch(/^not JSON/);
    expect(readImportRows('CSV', 'kind,id,gatewayId\n', columns, 10).problems).toEqual([
      { row: 0, line: null, field: null, message: 'there are no rows to import' },
    ]);
    expect(() => readImportRows('CSV', 'kind,id,gatewayId\na,b,c\na,b,c', columns, 1)).toThrow(/At most 1 rows/);
  });
});
