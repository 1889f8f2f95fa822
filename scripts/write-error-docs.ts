import { writeFile } from 'node:fs/promises';
import { renderErrorDocs } from '@hearth/platform';

// Regenerates docs/errors.md from the error registry (platform/src/errors/error-codes.ts).
await writeFile(new URL('../docs/errors.md', import.meta.url), renderErrorDocs());
