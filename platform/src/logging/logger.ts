import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Services take a child logger per request or device
 * (`logger.child({ tenantId, requestId, deviceId })`) rather than building strings.
 */
export function createLogger(service: string, level: LevelWithSilent = 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Secrets never reach the log stream, whatever a caller passes in.
    redact: {
      paths: ['password', 'secret', '*.password', '*.secret', 'authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
  });
}
