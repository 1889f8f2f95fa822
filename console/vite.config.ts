import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { paraglideOptions } from './i18n.config.js';

export default defineConfig({
  plugins: [paraglideVitePlugin(paraglideOptions()), sveltekit()],
});
