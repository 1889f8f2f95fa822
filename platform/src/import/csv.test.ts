import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads plain and quoted fields, with the line each record starts on', () => {
    const text = '\ufeffkind,id,gatewayId\r\ntank,"T-1",gw-1\n\ncylinder,"C,""2""\nsecond line",gw-2\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['kind', 'id', 'gatewayId'] },
      { line: 2, fields: ['tank', 'T-1', 'gw-1'] },
      { line: 4, fields: ['cylinder', 'C,"2"\nsecond line', 'gw-2'] },
    ]);
  });

  it('keeps empty fields and a last line without a newline', () => {
    expect(parseCsv('a,,c\n,b,')).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 2, fields: ['', 'b', ''] },
    ]);
  });

  it('refuses a quote that is never closed, naming its line', () => {
    expect(() => parseCsv('a,b\n"open,c\nd')).toThrow('line 2: a quoted field is not closed');
  });
});
