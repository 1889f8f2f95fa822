// Compiles the message catalogues before svelte-check, which runs no Vite plugin (see i18n.config.js).
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from './i18n.config.js';

await compile(paraglideOptions());
