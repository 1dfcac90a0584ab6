// The single entry point both shells call: validate untrusted input, run the handler, return data.
import { isOpName, operations, type OpName } from '../../shared/contract';
import { AppError, fail, ok, type Result } from '../../shared/result';
import type { Handlers } from './handlers';
import type { Logger } from './ports';
import { issuesOf } from './validation';

/** Maps anything thrown by a handler to an ApiError without leaking internals. */
export function toFailure(err: unknown, op: string, logger: Logger): Result<never> {
  if (err instanceof AppError) return fail(err.code, err.message, err.details);
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL') {
    return fail(
      'storage_full',
      'Could not save: the disk (or the database size limit) is full. Nothing already saved was harmed.',
    );
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return fail('busy', 'The database is busy (another process holds it). Not saved yet; try again.');
  }
  logger.error('operation failed', { op, error: err instanceof Error ? err.message : String(err) });
  return fail('internal', `Something went wrong in ${op}. It has been logged.`);
}

export type Invoke = (name: string, rawInput: unknown) => Promise<Result<unknown>>;

export function createInvoke(handlers: Handlers, logger: Logger): Invoke {
  return async (name, rawInput) => {
    if (!isOpName(name)) return fail('not_found', `Unknown operation: ${name}`);
    const opName: OpName = name;
    const parsed = operations[opName].input.safeParse(rawInput);
    if (!parsed.success) {
      const fields = issuesOf(parsed.error);
      const more = parsed.error.issues.length - fields.length;
      const rest = more > 0 ? ` (and ${more} more)` : '';
      return fail(
        'invalid_input',
        `Invalid input for ${opName}: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}${rest}`,
        { fields },
      );
    }
    try {
      const handler = handlers[opName] as (input: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (err) {
      return toFailure(err, opName, logger);
    }
  };
}
