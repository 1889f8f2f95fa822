/**
 * Runs `load` one at a time. A call while it runs asks for one more run after it (events come in
 * bursts: one more read covers them all) and gets that run's promise, so an older answer never
 * lands after a newer one.
 */
export function oneAtATime(load: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await load();
      } while (again);
    })().finally(() => (running = null));
    return running;
  };
}
