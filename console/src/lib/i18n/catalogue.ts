import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reading the message catalogues and the console's sources, for the tests that keep them in step
 * (catalogue.test.ts, literal-text.test.ts). Test support only: nothing in the app imports it.
 */
export const CONSOLE_DIR = fileURLToPath(new URL('../../../', import.meta.url));
export const SRC_DIR = join(CONSOLE_DIR, 'src');

/** A message as the inlang message format writes it: text, or variants chosen by a selector (plurals). */
export type Message = string | { declarations?: string[]; selectors?: string[]; match: Record<string, string> }[];

export function readCatalogue(locale: string): Record<string, Message> {
  const { $schema: _schema, ...messages } = JSON.parse(readFileSync(join(CONSOLE_DIR, 'messages', `${locale}.json`), 'utf8')) as Record<string, Message>;
  return messages;
}

/**
 * The values a message shows (`{count}`, in any of its variants). An input used only to pick a
 * variant (English plurals) is not shown, so a language without plurals may leave it out.
 */
export function messagePlaceholders(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : message.flatMap((variant) => Object.values(variant.match));
  return [...new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!)))].sort();
}

/** Every .svelte and .ts file under src/, as [path relative to src, text]. */
export function sourceFiles(dir = SRC_DIR, prefix = ''): [string, string][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): [string, string][] => {
    const path = join(dir, entry.name);
    const name = `${prefix}${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path, `${name}/`);
    return /\.(svelte|ts)$/.test(entry.name) ? [[name, readFileSync(path, 'utf8')]] : [];
  });
}

/** Message keys a file uses: `m.<key>` in files that import the messages as `m` (elsewhere `m` may be anything). */
export function usedKeys(text: string): string[] {
  if (!/import\s*\{\s*m\s*\}\s*from\s*'\$paraglide\/messages'/.test(text)) return [];
  return [...new Set([...text.matchAll(/(?<![\w.$])m\.([A-Za-z_]\w*)/g)].map((match) => match[1]!))];
}
