import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { MSG_2019 } from './msg-2019.js';
import type { Template } from './schema.js';

/** The built-in template: typed with `satisfies Template`, and checked against the schema by a test. */
export const BUILT_IN_TEMPLATE: Template = MSG_2019;

/** The built-in 2019 template, or a JSON template file validated against the same schema. */
/** Loads zod (the schema) only when a template file is given: start-up stays light. */
export async function loadTemplate(file: string | undefined): Promise<Template> {
  if (!file) return BUILT_IN_TEMPLATE;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--template ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(err as Error).message})`}.`);
  }
  const { TemplateSchema } = await import('./schema.js');
  const parsed = TemplateSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map((i) => `  ${i.message} (location: ${i.path.join('.') || 'top level'})`);
    throw new UsageError(`--template ${file} is not a valid template:\n${lines.join('\n')}\nRun "selfeval template" to print the built-in template as a starting point.`);
  }
  return parsed.data;
}
