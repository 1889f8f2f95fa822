import { chownSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_KEY_FILE, readPiiKeys } from '@hearth/platform/pii';

/**
 * Makes the key that encrypts customers' ID and phone numbers, once: `<dir>/pii-keys.json`, mode 0600,
 * owned by the image's `node` user (uid 1000) that the customers service runs as. An existing file is
 * kept: a new key would leave every stored number unreadable.
 */
const [dir = '.secrets'] = process.argv.slice(2);
readPiiKeys({ dataDir: dir });
const file = join(dir, GENERATED_KEY_FILE);
if (process.getuid?.() === 0) chownSync(file, 1000, 1000);
process.stdout.write(`personal-data key: ${file}\n`);
