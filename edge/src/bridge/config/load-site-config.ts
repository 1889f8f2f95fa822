import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '@hearth/platform';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { crossReferenceProblems } from './cross-references';
import { siteConfigSchema, type SiteConfig } from './site-config.schema';

/**
 * Reads one site file (YAML; JSON is YAML too) and validates it. Like `loadConfig`, a bad file fails
 * with a `ConfigError` listing every problem (path: message), so the integrator fixes them in one go.
 */
export async function loadSiteConfig(file: string): Promise<SiteConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`${file}: cannot read the site file (${(err as Error).message})`]);
  }
  const config = validateSiteConfig(parseSiteText(text, file));
  // The buffer lives beside the site file unless told otherwise, whatever directory the bridge starts in.
  return { ...config, buffer: { ...config.buffer, dir: resolve(dirname(file), config.buffer.dir) } };
}

export function parseSiteText(text: string, file: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => `${file}:${e.linePos?.[0].line ?? '?'}:${e.linePos?.[0].col ?? '?'}: ${e.message.split('\n')[0]}`));
  }
  return doc.toJS() as unknown;
}

export function validateSiteConfig(raw: unknown): SiteConfig {
  const parsed = siteConfigSchema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => describeIssue(issue, raw));
  // References between sections are checked on the raw file too, so they are listed even when a section is also invalid.
  problems.push(...crossReferenceProblems(raw));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = issue.path.map(String).join('.') || '(file)';
  const value = valueAt(raw, issue.path);
  const shown = value === undefined ? 'missing' : typeof value === 'object' ? null : `got ${JSON.stringify(value)}`;
  // A secret is never echoed back, not even in an error.
  const safe = issue.path[0] === 'secret' ? null : shown;
  return safe ? `${path}: ${issue.message} (${safe})` : `${path}: ${issue.message}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
