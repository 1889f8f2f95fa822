import { createLogger, type Logger } from '@hearth/platform';

/**
 * The logger of gateway tests: silent unless `TEST_LOG_LEVEL` says otherwise. Apart from the fixture
 * stack, so tests without a database (unit tests, a lone upstream socket) use it without joining the
 * server-mode run, which only repeats what reaches a database.
 */
export const testLogger = (): Logger => createLogger('gateway-test', (process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent');
