import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('installed PGlite', () => {
  it('carries our patch of its result path (patches/README.md), applied by the postinstall script', async () => {
    const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const bundle = await readFile(join(dist, 'chunk-3WWIVTCY.js'), 'utf8');
    expect(bundle).toContain('Hearth patch');
  });
});
