import { spawn } from 'node:child_process';

export interface PtyPair {
  /** Two pseudo-terminals joined by socat: one for the bridge, one for the simulated device. */
  paths: [string, string];
  close(): Promise<void>;
}

/**
 * `socat -d -d pty,raw,echo=0 pty,raw,echo=0`: a real pseudo-terminal pair, so the bridge and the
 * simulators go through the kernel's tty layer as with a USB adapter. Needs socat
 * (scripts/ensure-socat.sh). A pty ignores the baud rate: data crosses at memory speed.
 */
export async function startPtyPair(timeoutMs = 5_000): Promise<PtyPair> {
  const child = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const paths = await new Promise<string[]>((resolve, reject) => {
    const found: string[] = [];
    let log = '';
    const timer = setTimeout(() => fail(new Error(`socat gave no pty pair within ${timeoutMs} ms: ${log.trim()}`)), timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(err);
    };
    child.once('exit', (code) => fail(new Error(`socat exited (${String(code)}) before the pty pair was ready: ${log.trim()}`)));
    child.once('error', (err) =>
      fail((err as NodeJS.ErrnoException).code === 'ENOENT' ? new Error('socat is not installed: run scripts/ensure-socat.sh') : err),
    );
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
      for (const match of chunk.matchAll(/PTY is (\S+)/g)) found.push(match[1]!);
      // Both ends exist once socat starts its transfer loop.
      if (found.length === 2 && log.includes('starting data transfer loop')) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  return {
    paths: [paths[0]!, paths[1]!],
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
