import { describe, expect, it } from 'vitest';
import { sourceFiles } from './catalogue';
import { literalTexts } from './template-text';

/** Every word a component shows comes from the message catalogue, so it is shown in every language. */
describe('the components', () => {
  it('show no text that bypasses the message catalogue', () => {
    const components = sourceFiles().filter(([file]) => file.endsWith('.svelte'));
    expect(components.length).toBeGreaterThan(15);
    const literals = components.flatMap(([file, source]) => literalTexts(source).map(({ line, text }) => `${file}:${line}: ${text}`));
    expect(literals).toEqual([]);
  });
});

describe('the literal text scan', () => {
  it('finds text between tags, read attributes and quoted phrases in expressions', () => {
    const source = [
      '<script lang="ts">const label = "Not markup";</script>',
      '<h1>Tanks</h1>',
      '<button aria-label="Close history" title={m.close()}>×</button>',
      "<span>{busy ? 'Logging in…' : m.log_in()}</span>",
      '<p>{m.greeting()} <code>{id}</code> · Hearth</p>',
      '<!-- a comment in words -->',
      '<style>.x { content: "styled words"; }</style>',
    ].join('\n');
    expect(literalTexts(source)).toEqual([
      { line: 2, text: 'Tanks' },
      { line: 3, text: 'aria-label="Close history"' },
      { line: 4, text: "{… 'Logging in…' …}" },
      { line: 5, text: '· Hearth' },
    ]);
  });
});
