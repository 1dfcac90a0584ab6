// Keyset paging over rows ordered by (at, id), one way for every list (notes, timeline): a page before or after a
// cursor, a page centred on a row, or the first page from the newest or the oldest end. Pure; the repo reads.

/** A row's place in the (at, id) order: what a cursor decodes to. */
export interface Position {
  at: number;
  id: string;
}

/** Reads up to `limit` rows on one side of a position (or from one end), always returned oldest first. */
export interface KeysetSource<R> {
  before(pos: Position, limit: number): R[];
  after(pos: Position, limit: number): R[];
  /** The `limit` rows at the end the list opens on (`opensAt`), oldest first. */
  end(limit: number): R[];
}

export type KeysetRequest<R> =
  { around: { row: R; pos: Position } } | { before: Position } | { after: Position } | Record<string, never>;

export interface KeysetPage<R> {
  rows: R[];
  /** More rows exist before the first / after the last of this page. */
  hasBefore: boolean;
  hasAfter: boolean;
}

/** One page of `limit` rows; `opensAt` says which end a list without a cursor shows (notes: newest; timeline: oldest).
 * */
export function keysetPage<R>(
  src: KeysetSource<R>,
  req: KeysetRequest<R>,
  limit: number,
  opensAt: 'newest' | 'oldest',
): KeysetPage<R> {
  if ('around' in req && req.around) {
    const { row, pos } = req.around;
    const half = Math.floor((limit - 1) / 2);
    const older = src.before(pos, half + 1);
    const newer = src.after(pos, limit - half);
    const hasBefore = older.length > half;
    const hasAfter = newer.length > limit - half - 1;
    return {
      rows: [...(hasBefore ? older.slice(1) : older), row, ...newer.slice(0, limit - half - 1)],
      hasBefore,
      hasAfter,
    };
  }
  if ('before' in req && req.before) {
    const rows = src.before(req.before, limit + 1);
    const more = rows.length > limit;
    return { rows: more ? rows.slice(1) : rows, hasBefore: more, hasAfter: true };
  }
  if ('after' in req && req.after) {
    const rows = src.after(req.after, limit + 1);
    const more = rows.length > limit;
    return { rows: rows.slice(0, limit), hasBefore: true, hasAfter: more };
  }
  const rows = src.end(limit + 1);
  const more = rows.length > limit;
  return opensAt === 'newest'
    ? { rows: more ? rows.slice(1) : rows, hasBefore: more, hasAfter: false }
    : { rows: rows.slice(0, limit), hasBefore: false, hasAfter: more };
}
