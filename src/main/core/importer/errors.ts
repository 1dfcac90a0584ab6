// Vendor failures during an import or take-over, turned into AppErrors in plain words.
import { AppError, type ErrorCode } from '../../../shared/result';
import { explainVendorError, isVendorError } from '../integrations';
import { importSources, type ImportSource, type SourceOutcome } from '../../../shared/ops/recordImport';

export function asAppError(err: unknown, what?: string): AppError {
  if (err instanceof AppError) return err;
  if (!isVendorError(err))
    return new AppError('internal', 'Something unexpected went wrong while reading from the vendors.');
  const code: ErrorCode =
    err.kind === 'not_found'
      ? 'not_found'
      : err.kind === 'auth'
        ? 'unauthorized'
        : err.kind === 'permission'
          ? 'forbidden'
          : err.kind === 'validation'
            ? 'invalid_input'
            : 'unavailable';
  return new AppError(code, `${what ? `${what}: ` : ''}${explainVendorError(err)}`, {
    vendor: err.vendor,
    kind: err.kind,
  });
}

/** The per-source outcomes of a read, failures in plain words (for ImportResult and the take-over preview). */
export function sourceOutcomes(
  read: ReadonlyArray<{ source: ImportSource; entries: readonly unknown[] }>,
  failures: ReadonlyArray<{ source: ImportSource; error: unknown }>,
): SourceOutcome[] {
  const out: SourceOutcome[] = [
    ...read.map((r) => ({ source: r.source, status: 'ok' as const, fetched: r.entries.length })),
    ...failures.map((f) => ({
      source: f.source,
      status: 'failed' as const,
      fetched: 0,
      reason: asAppError(f.error).message,
    })),
  ];
  return importSources.flatMap((s) => out.filter((o) => o.source === s));
}
