// Use cases for runbooks: list, get, import (validated, all or nothing) and export.
import { AppError } from '../../../shared/result';
import { runbookSchema, type Runbook, type RunbookSummary, type RunbookWithSource } from '../../../shared/runbook';
import { runbooksRepo } from '../db/repos/runbooks';
import { issuesOf } from '../validation';
import type { ServiceDeps } from '../ports';

const summary = (rb: Runbook, builtIn: boolean): RunbookSummary => ({
  id: rb.id,
  name: rb.name,
  version: rb.version,
  description: rb.description,
  builtIn,
  stepCount: rb.steps.length,
});

export function runbooksService({ db, clock }: ServiceDeps, builtIns: readonly Runbook[]) {
  const repo = runbooksRepo(db);
  const builtInById = new Map(builtIns.map((rb) => [rb.id, rb]));

  // Stored bodies were validated on import; parse again anyway (the schema may have tightened since).
  const stored = (id: string): Runbook | undefined => {
    const row = repo.get(id);
    return row ? runbookSchema.parse(JSON.parse(row.body)) : undefined;
  };

  const find = (id: string): RunbookWithSource => {
    const b = builtInById.get(id);
    if (b) return { ...summary(b, true), runbook: b };
    const s = stored(id);
    if (s) return { ...summary(s, false), runbook: s };
    throw new AppError('not_found', `No runbook with id "${id}".`);
  };

  return {
    list(): RunbookSummary[] {
      const imported = repo.list().map((r) => summary(runbookSchema.parse(JSON.parse(r.body)), false));
      return [...builtIns.map((b) => summary(b, true)), ...imported];
    },
    get: find,
    import(json: string): RunbookSummary {
      let raw: unknown;
      try {
        raw = JSON.parse(json);
      } catch (err) {
        throw new AppError(
          'invalid_input',
          `The file is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      const parsed = runbookSchema.safeParse(raw);
      if (!parsed.success) {
        const fields = issuesOf(parsed.error);
        throw new AppError(
          'invalid_input',
          `The runbook is not valid, nothing was imported. ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
          { fields },
        );
      }
      const rb = parsed.data;
      if (builtInById.has(rb.id)) {
        throw new AppError('conflict', `"${rb.id}" is a built-in runbook. Give your copy another id to import it.`);
      }
      db.transaction(() => {
        const existing = repo.get(rb.id);
        if (existing && existing.version >= rb.version) {
          throw new AppError(
            'conflict',
            `Runbook "${rb.id}" version ${existing.version} is already imported. Raise the version to replace it.`,
          );
        }
        repo.save({ id: rb.id, version: rb.version, name: rb.name, body: JSON.stringify(rb) }, clock.now());
      }).immediate();
      return summary(rb, false);
    },
    export(id: string): { id: string; fileName: string; json: string } {
      const { runbook } = find(id);
      return { id, fileName: `${id}-v${runbook.version}.runbook.json`, json: JSON.stringify(runbook, null, 2) + '\n' };
    },
  };
}
export type RunbooksService = ReturnType<typeof runbooksService>;
