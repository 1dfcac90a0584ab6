// Built-in status-update templates, read from resources/templates/<name>.md.
// (The integrator will prefer Freshdesk canned responses when Freshdesk is connected.)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/result';
import type { UpdateTemplate } from '../../../shared/reminders';

/** Walks up from this module to the folder holding resources/templates (source tree and build output). */
export function findTemplatesDir(start: string = dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = start;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'resources', 'templates');
    if (existsSync(join(candidate, 'update.md'))) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

export interface TemplateStore {
  get(name: UpdateTemplate): string;
}

export function fileTemplates(dir: string | null = findTemplatesDir()): TemplateStore {
  const cache = new Map<UpdateTemplate, string>();
  return {
    get(name) {
      const hit = cache.get(name);
      if (hit !== undefined) return hit;
      if (!dir)
        throw new AppError(
          'unavailable',
          'The built-in update templates were not found (resources/templates is missing from this install).',
        );
      const text = readFileSync(join(dir, `${name}.md`), 'utf8');
      cache.set(name, text);
      return text;
    },
  };
}
