import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SERVICE_NODE_FLAGS } from '@hearth/platform/service';

const MAIN = fileURLToPath(new URL('../../stack/src/main.ts', import.meta.url));

/** A service's program (`node --import tsx FILE`) as its own OS process, its output kept. */
export interface ServiceProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves once the output contains `text`; rejects with the output if the process exits first. */
  until(text: string): Promise<void>;
}

/**
 * Starts `file` as a service does in docker-compose (with the services' Node.js options), with `env`
 * over this process's environment.
 * `echo` names it in its logs copied to stderr when STACK_OUTPUT=1 (debugging a test or benchmark).
 */
export function spawnService(file: string, env: Record<string, string>, nodeArgs: string[] = [], echo = 'service'): ServiceProcess {
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...nodeArgs, '--import', 'tsx', file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (process.env.STACK_OUTPUT) process.stderr.write(`[${echo}] ${chunk}`);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const until = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (output.includes(text)) return resolve();
      const onData = () => {
        if (!output.includes(text)) return;
        child.stdout!.off('data', onData);
        child.stderr!.off('data', onData);
        resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void exited(child).then((code) => reject(new Error(`${echo} exited with ${code} before it printed "${text}":\n${output}`)));
    });
  return { child, output: () => output, until };
}

/**
 * `npm start`'s program as a separate OS process, so a test can kill -9 it. Resolves once it
 * prints that it is running.
 */
export async function spawnStack(env: Record<string, string>, nodeArgs: string[] = []): Promise<ChildProcess> {
  const stack = spawnService(MAIN, { CONSOLE: 'false', SIMULATOR: 'false', LOG_LEVEL: 'warn', ...env }, nodeArgs, 'stack');
  await stack.until('Hearth is running');
  return stack.child;
}

export function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', resolve));
}
