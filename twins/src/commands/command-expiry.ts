import { withdrawCommand } from '../handlers/command-ack';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import { expireDue } from '../store/command-store';

/**
 * Marks open commands past their expiry EXPIRED and withdraws what they asked for from desired
 * state. (Reads show such a command as expired before this runs; this makes it so in the record.)
 */
export function expireCommands(pipeline: IngestPipeline): Promise<number> {
  return pipeline.run(async (tx, batch) => {
    const expired = await expireDue(tx);
    for (const c of expired) withdrawCommand(batch, c.kind, c.deviceId, c.id);
    return expired.length;
  });
}
