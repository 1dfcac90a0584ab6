// Vendor failures during an import or take-over, turned into AppErrors in plain words.
import { AppError, type ErrorCode } from '../../../shared/result';
import { explainVendorError, isVendorError } from '../integrations';

export function asAppError(err: unknown, what?: string): AppError {
  if (err instanceof AppError) return err;
  if (!isVendorError(err)) return new AppError('internal', 'Something unexpected went wrong while reading from the vendors.');
  const code: ErrorCode =
    err.kind === 'not_found' ? 'not_found' : err.kind === 'auth' ? 'unauthorized' : err.kind === 'permission' ? 'forbidden' : err.kind === 'validation' ? 'invalid_input' : 'unavailable';
  return new AppError(code, `${what ? `${what}: ` : ''}${explainVendorError(err)}`, { vendor: err.vendor, kind: err.kind });
}
