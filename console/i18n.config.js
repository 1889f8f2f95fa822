import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The console's languages and how Paraglide compiles messages/{locale}.json into typed message
 * functions; shared by the Vite plugin (build, dev) and compile-messages.js (svelte-check runs no
 * Vite plugin).
 *
 * Paraglide reads an inlang project folder and writes its own files into it (README, metadata, a
 * cache). That folder is made here, under .svelte-kit with the compiled output (imported as
 * `$paraglide`): everything generated stays where git, ESLint and Prettier already look away, and
 * this file is the one place the settings live. The message-format plugin is loaded from
 * node_modules rather than the CDN its docs use: builds run where only the npm registry is reachable.
 */
const PROJECT = './.svelte-kit/project.inlang';

export const LOCALES = /** @type {const} */ (['en', 'zh-CN']);

const settings = {
  $schema: 'https://inlang.com/schema/project-settings',
  baseLocale: 'en',
  locales: LOCALES,
  modules: [createRequire(import.meta.url).resolve('@inlang/plugin-message-format')],
  // Relative to the folder that holds the project (.svelte-kit).
  'plugin.inlang.messageFormat': { pathPattern: '../messages/{locale}.json' },
};

/** Writes the project settings (only when they changed, so watchers stay quiet) and returns the compiler options. */
export function paraglideOptions() {
  const text = `${JSON.stringify(settings, null, 2)}\n`;
  mkdirSync(PROJECT, { recursive: true });
  let current = null;
  try {
    current = readFileSync(`${PROJECT}/settings.json`, 'utf8');
  } catch {
    // not written yet
  }
  if (current !== text) writeFileSync(`${PROJECT}/settings.json`, text);

  /** @type {import('@inlang/paraglide-js').CompilerOptions} */
  const options = {
    project: PROJECT,
    outdir: './.svelte-kit/paraglide',
    // A language chosen in the user menu (cookie) wins; else the browser's (hooks.server.ts reads
    // Accept-Language, hooks.client.ts navigator.language); else English.
    strategy: ['cookie', 'custom-browser', 'baseLocale'],
    cookieName: 'hearth-locale',
    emitReadme: false,
    emitPrettierIgnore: false,
    emitGitIgnore: false,
  };
  return options;
}
