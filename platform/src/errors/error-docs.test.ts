import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { errorCodes } from './error-codes';
import { renderErrorDocs } from './error-docs';

describe('error registry', () => {
  it('is documented in docs/errors.md exactly as generated (run `npm run docs:errors`)', async () => {
    const onDisk = await readFile(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderErrorDocs());
  });

  it('says what went wrong and what to do for every code', () => {
    for (const [code, spec] of Object.entries(errorCodes)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(spec.meaning.length, code).toBeGreaterThan(20);
      expect(spec.remedy.length, code).toBeGreaterThan(5);
    }
  });
});
