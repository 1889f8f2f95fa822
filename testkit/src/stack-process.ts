import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../stack/src/main.ts', import.meta.url));

/**
 * `npm start`'s program as a separate OS process, so a test can kill -9 it. Resolves once it
 * prints that it is running.
 */
export async function spawnStack(env: Record<string, string>, nodeArgs: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', MAIN], {
    env: { ...process.env, CONSOLE: 'false', SIMULATOR: 'false', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Hearth is running')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`stack exited with ${code} before it was ready:\n${output}`)));
  });
  // STACK_OUTPUT=1 shows the stack's own logs (debugging a test or benchmark).
  if (process.env.STACK_OUTPUT) {
    child.stdout!.on('data', (d: Buffer) => process.stderr.write(`[stack] ${d}`));
    child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[stack] ${d}`));
  }
  return child;
}

export function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', resolve));
}
