import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

describe('installed @apollo/gateway', () => {
  it('carries our patch that builds an operation once per document, not per execution (patches/README.md)', async () => {
    const executor = createRequire(import.meta.url).resolve('@apollo/gateway/dist/executeQueryPlan.js');
    const source = await readFile(executor, 'utf8');
    expect(source).toContain('Hearth patch');
    expect(source).toContain('operation = hearthOperationOf(apiSchema, operationContext);');
  });
});
