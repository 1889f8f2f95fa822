import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SERVICE_NODE_FLAGS } from './node-flags';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

describe('the Node.js options of service processes', () => {
  it('npm start runs the stack with them', async () => {
    const { scripts } = JSON.parse(await readFile(root('package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toContain(`node ${SERVICE_NODE_FLAGS.join(' ')} --import tsx stack/src/main.ts`);
  });

  it('the image gives them to every container through NODE_OPTIONS', async () => {
    const dockerfile = await readFile(root('Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(new RegExp(`^ENV NODE_OPTIONS="${SERVICE_NODE_FLAGS.join(' ')}"$`, 'm'));
  });
});
