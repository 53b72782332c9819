/**
 * Configuration from the environment, validated once at boot. Fails fast with the name of
 * the bad variable; never prints secret values.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(
      /^(sqlite:|postgres:\/\/|postgresql:\/\/|pglite:)/,
      'must start with sqlite:, postgres:// or pglite:',
    )
    .default(`sqlite:${resolve('data/polyphony.db')}`),
  MEDIA_DIR: z.string().default(resolve('data/media')),
  PUBLIC_URL: z.string().url().optional(),
  SITE_NAME: z.string().default('Polyphony'),
  SITE_LANGUAGE: z.string().default('en'),
  /** Languages readers can browse in (comma-separated BCP 47 tags); the first is not special. */
  SITE_LANGUAGES: z.string().default('en,es,ar,sw,de,sr-Cyrl,fr,pt'),
  SESSION_DAYS: z.coerce.number().int().positive().default(30),
  MAX_UPLOAD_MB: z.coerce.number().positive().default(20),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Polyphony <no-reply@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `off` renders every public page on every request (for measuring; default `on`). */
  PAGE_CACHE: z.enum(['on', 'off']).default('on'),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
});

export type Env = z.infer<typeof schema>;

/** Parses `source` (default `process.env`); throws listing each invalid variable by name. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}
