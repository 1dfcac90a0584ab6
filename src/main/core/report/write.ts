// Atomic file output for exports: write a temp file beside the target, fsync, rename. A failure leaves
// no half-written report behind and is explained in words a person can act on.
import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/result';

export type FsOps = Pick<
  typeof nodeFs,
  'mkdirSync' | 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'linkSync' | 'rmSync' | 'statSync'
>;

/** The target exists and replacing it was not asked for. */
export class AlreadyExists extends AppError {
  constructor(readonly target: string) {
    super(
      'conflict',
      `${basename(target)} already exists. Nothing was written; export again with overwrite to replace it.`,
      {
        fileName: basename(target),
      },
    );
  }
}

export function explainWriteError(err: unknown, target: string): AppError {
  const code = (err as { code?: unknown } | null)?.code;
  const folder = dirname(target);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError(
        'storage_full',
        `Could not write ${basename(target)}: the disk holding ${folder} is full. Nothing was written and the draft ` +
          `is unchanged.`,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError(
        'forbidden',
        `Could not write to ${folder}: the folder is not writable. Choose another folder; the draft is unchanged.`,
      );
    case 'ENOTDIR':
    case 'EEXIST':
      return new AppError(
        'invalid_input',
        `Could not write to ${folder}: part of that path is a file, not a folder. The draft is unchanged.`,
      );
    case 'EISDIR':
      return new AppError(
        'invalid_input',
        `Could not write ${target}: a folder with that name is in the way. The draft is unchanged.`,
      );
    default:
      return new AppError(
        'unavailable',
        `Could not write ${target} (${String(code ?? (err instanceof Error ? err.message : err))}). The draft is ` +
          `unchanged.`,
      );
  }
}

/** overwrite false: the file appears whole or not at all, and an existing one is never replaced (link, not rename). */
export function writeAtomically(target: string, data: string | Buffer, fs: FsOps = nodeFs, overwrite = true): number {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fs.mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    fd = fs.openSync(tmp, 'wx', 0o600); // a report holds the notes: as private as the database
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    if (overwrite) fs.renameSync(tmp, target);
    else {
      try {
        fs.linkSync(tmp, target);
      } catch (err) {
        if ((err as { code?: unknown }).code === 'EEXIST') throw new AlreadyExists(target);
        throw err;
      }
      fs.rmSync(tmp, { force: true });
    }
    return bytes.length;
  } catch (err) {
    if (err instanceof AlreadyExists) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {}
    }
    try {
      fs.rmSync(tmp, { force: true });
    } catch {}
    throw explainWriteError(err, target);
  }
}
