import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// An import of testkit's test database or test Redis (`@hearth/testkit/test-database`, `./test-redis`): the Redis
// that tests of several instances need is started for the server-mode run only.
const USES_TEST_DATABASE = /from\s+['"][^'"]*\/test-(database|redis)['"]/;
const IMPORTS = /(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g;

/**
 * The test files (paths relative to `root`, matching `pattern`, under `dirs`) that reach testkit's
 * test database, themselves or through the local modules they import (a fixture, the test stack):
 * the ones with something to run against a server. The rest (the broker's protocol over an in-memory
 * registry, the console's pages, the embedded engine's own tests) would only repeat their embedded
 * run, so server mode leaves them out. Run from vitest.config.ts.
 */
export function serverTestFiles(root: string, dirs: string[], pattern: RegExp): string[] {
  const verdicts = new Map<string, boolean>();
  const reaches = (file: string): boolean => {
    const known = verdicts.get(file);
    if (known !== undefined) return known;
    verdicts.set(file, false); // an import cycle adds nothing
    const source = readFileSync(file, 'utf8');
    const verdict = USES_TEST_DATABASE.test(source) || [...source.matchAll(IMPORTS)].some(([, spec]) => local(root, file, spec!)?.some(reaches));
    verdicts.set(file, verdict);
    return verdict;
  };
  return dirs
    .flatMap((dir) => walk(join(root, dir)))
    .filter((file) => pattern.test(file) && reaches(file))
    .map((file) => relative(root, file))
    .sort();
}

/** The files a local import names (relative, or testkit's own); none for packages. */
function local(root: string, from: string, spec: string): string[] | undefined {
  const base = spec.startsWith('.') ? resolve(dirname(from), spec) : spec.startsWith('@hearth/testkit/') ? join(root, 'testkit/src', spec.slice(16)) : null;
  if (!base) return undefined;
  return [base, `${base}.ts`, join(base, 'index.ts')].filter((f) => f.endsWith('.ts') && existsSync(f));
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.name === 'node_modules' ? [] : entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
