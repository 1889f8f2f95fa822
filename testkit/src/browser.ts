import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/**
 * Flags for the system Chromium on this machine. The network is closed, so anything that
 * phones home (component updates, sync, background fetches, QUIC probes) only adds
 * timeouts; the sandbox needs user namespaces we do not have when running as root in a
 * container; there is no GPU.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/**
 * Launch headless Chromium for browser tests. Uses the distribution binary (installed by
 * scripts/ensure-chromium.sh) unless CHROMIUM_PATH points elsewhere; Playwright's own
 * browser download is not reachable from here.
 */
export async function launchBrowser(options: Omit<LaunchOptions, 'executablePath' | 'headless'> = {}): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  try {
    return await chromium.launch({
      ...options,
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    });
  } catch (err) {
    throw new Error(
      `Could not launch Chromium at ${executablePath}: ${(err as Error).message}\n` + 'Run scripts/ensure-chromium.sh (or set CHROMIUM_PATH) and try again.',
    );
  }
}
