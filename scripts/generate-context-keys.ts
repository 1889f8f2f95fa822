import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateContextKeys } from '@hearth/platform';

/**
 * Writes the key pair of the gateway's signed caller context, once: the private key to
 * `<private dir>/context.pem` (the gateway's only), the public key to `<public dir>/context.pub.pem`
 * (every subgraph's). Existing keys are kept, so restarts do not invalidate anything.
 */
const [privateDir = '.secrets', publicDir = privateDir] = process.argv.slice(2);
const privateFile = join(privateDir, 'context.pem');
const publicFile = join(publicDir, 'context.pub.pem');
if (existsSync(privateFile) && existsSync(publicFile)) {
  process.stdout.write(`context keys exist: ${privateFile}, ${publicFile}\n`);
} else {
  const keys = generateContextKeys();
  mkdirSync(privateDir, { recursive: true });
  mkdirSync(publicDir, { recursive: true });
  writeFileSync(privateFile, keys.privateKeyPem, { mode: 0o600 });
  writeFileSync(publicFile, keys.publicKeyPem, { mode: 0o644 });
  process.stdout.write(`context keys written: ${privateFile}, ${publicFile}\n`);
}
