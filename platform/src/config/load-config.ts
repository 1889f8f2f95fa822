import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Thrown once at start with every bad variable, so an operator fixes them all in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The one config loader: every service describes its environment as a zod object
 * and reads it here, once, at start.
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = typeof issue.path[0] === 'string' ? env[issue.path[0]] : undefined;
    const shown = value === undefined ? 'unset' : `got ${JSON.stringify(value)}`;
    return `${name}: ${issue.message} (${shown})`;
  });
  throw new ConfigError(problems);
}

/** Reusable variable shapes, so every service reads ports, booleans and durations alike. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  optionalPort: () => z.coerce.number().int().min(0).max(65535).optional(),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  url: () => z.url(),
  /** A PEM key read from a file (docker secrets, mounted volumes), checked to look like one. */
  pemFile: () =>
    z
      .string()
      .min(1)
      .transform((path, ctx) => {
        try {
          const pem = readFileSync(path, 'utf8');
          if (pem.includes('-----BEGIN ')) return pem;
          ctx.addIssue({ code: 'custom', message: `${path} holds no PEM key` });
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: `cannot read ${path}: ${(err as Error).message}` });
        }
        return z.NEVER;
      }),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

/** Variables every service shares: where the database is and how loud to log. */
export const commonEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: env.logLevel(),
  /** A PostgreSQL/TimescaleDB URL; unset means the embedded database in HEARTH_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: env.positiveInt(10),
  /**
   * Where instances of a service share what must be shared beyond the database (rate limits,
   * committed twin changes); unset means one instance per service, sharing nothing.
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  /** Prefixes every key and channel this deployment uses in Redis (several deployments may share one server). */
  REDIS_KEY_PREFIX: z.string().min(1).default('hearth:'),
  HEARTH_DATA_DIR: z.string().min(1).default('.hearth'),
});
export type CommonConfig = z.infer<typeof commonEnv>;
