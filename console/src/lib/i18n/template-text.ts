/**
 * Finds the words a Svelte component would show that do not come from the message catalogue:
 * text between tags, attributes people read (aria-label, title, placeholder, alt, label), and
 * quoted phrases inside template expressions. A simple scan, not a parser: enough to catch a
 * sentence typed into markup. Test support only (literal-text.test.ts).
 */

/** Attributes whose values people read or hear. */
const READ_ATTRIBUTES = ['aria-label', 'aria-description', 'aria-placeholder', 'title', 'placeholder', 'alt', 'label'];

/** Words that are the same in every language: the product's name. */
export const SAME_IN_EVERY_LANGUAGE = new Set(['Hearth']);

export interface LiteralText {
  line: number;
  text: string;
}

/** Replaces every character but line breaks, keeping offsets and line numbers. */
const blank = (text: string) => text.replace(/[^\n]/g, ' ');

/** Splits the markup from its `{…}` expressions (quotes and nested braces inside them respected). */
function splitExpressions(markup: string): { markup: string; expressions: { start: number; text: string }[] } {
  const expressions: { start: number; text: string }[] = [];
  let out = '';
  let depth = 0;
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < markup.length; i++) {
    const c = markup[i]!;
    if (depth === 0) {
      if (c === '{') {
        depth = 1;
        start = i;
        out += ' ';
      } else out += c;
      continue;
    }
    out += c === '\n' ? '\n' : ' ';
    if (quote) {
      if (c === '\\') {
        i++;
        out += markup[i] === '\n' ? '\n' : ' ';
      } else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) expressions.push({ start, text: markup.slice(start, i + 1) });
  }
  return { markup: out, expressions };
}

const hasLetters = (text: string) => /\p{L}/u.test(text);
const lineAt = (source: string, offset: number) => source.slice(0, offset).split('\n').length;

export function literalTexts(source: string): LiteralText[] {
  // Script, style and comments hold no markup text (offsets kept, so line numbers stay right).
  const withoutCode = source.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<!--[\s\S]*?-->/g, blank);
  const { markup, expressions } = splitExpressions(withoutCode);
  const found: LiteralText[] = [];

  for (const tag of markup.matchAll(/<[a-zA-Z][^>]*>/g)) {
    for (const attribute of tag[0].matchAll(new RegExp(`\\s(${READ_ATTRIBUTES.join('|')})="([^"]*)"`, 'g'))) {
      if (hasLetters(attribute[2]!)) found.push({ line: lineAt(source, tag.index), text: `${attribute[1]}="${attribute[2]!.trim()}"` });
    }
  }

  const text = markup.replace(/<\/?[a-zA-Z][^>]*>/g, (tag) => blank(tag).replace(/^ /, '\n'));
  let offset = 0;
  for (const line of text.split('\n')) {
    const words = line.trim();
    if (hasLetters(words) && !SAME_IN_EVERY_LANGUAGE.has(words)) found.push({ line: lineAt(source, offset), text: words });
    offset += line.length + 1;
  }

  // A phrase in quotes inside an expression ({busy ? 'Saving…' : 'Save'}) is shown text too.
  for (const expression of expressions) {
    for (const literal of expression.text.matchAll(/'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`$\\]*)`/g)) {
      const value = literal[1] ?? literal[2] ?? literal[3] ?? '';
      if (/\p{L}\s+\p{L}/u.test(value)) found.push({ line: lineAt(source, expression.start), text: `{… '${value}' …}` });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}
