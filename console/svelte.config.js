import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // adapter-node's `handler` is what server.ts mounts, so the one-process stack can embed the console.
    adapter: adapter({ out: 'build' }),
    // The message functions Paraglide compiles from messages/{locale}.json (see i18n.config.js).
    alias: { $paraglide: '.svelte-kit/paraglide' },
    typescript: {
      // server.ts lives outside src/ but should be checked with the same settings by svelte-check.
      config: (tsconfig) => {
        tsconfig.include.push('../server.ts');
        return tsconfig;
      },
    },
  },
};

export default config;
