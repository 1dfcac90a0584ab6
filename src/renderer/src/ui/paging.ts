// Keyset paging in the renderer stores, once: extend the loaded window of a list (notes, timeline) by one page
// before its first item or after its last, from the item's cursor. The core side is core/domain/keysetPage.ts.
import type { Page } from '../../../shared/notes';
import type { ApiError, Result } from '../../../shared/result';

export interface PagedWindow<T extends { id: string; cursor: string }> {
  incidentId: string | null;
  items: T[];
  hasBefore: boolean;
  hasAfter: boolean;
  loading: boolean;
  error: ApiError | null;
}

export type FetchPage<T> = (
  incidentId: string,
  cursor: { before: string } | { after: string },
) => Promise<Result<Page<T>>>;

/**
 * Loads the page on one side of the window and joins it on; answers for an incident no longer open are dropped.
 * Newer pages skip items the window already has (events may have added them). Resolves to how many items came.
 */
export async function extendWindow<T extends { id: string; cursor: string }>(
  side: 'before' | 'after',
  get: () => PagedWindow<T>,
  set: (patch: Partial<PagedWindow<T>>) => void,
  fetch: FetchPage<T>,
): Promise<number> {
  const { incidentId, items, hasBefore, hasAfter, loading } = get();
  if (!incidentId || loading || items.length === 0 || !(side === 'before' ? hasBefore : hasAfter)) return 0;
  set({ loading: true });
  const res = await fetch(
    incidentId,
    side === 'before' ? { before: items[0]!.cursor } : { after: items[items.length - 1]!.cursor },
  );
  if (get().incidentId !== incidentId) return 0;
  if (!res.ok) {
    set({ loading: false, error: res.error });
    return 0;
  }
  if (side === 'before') {
    set({ items: [...res.value.items, ...get().items], hasBefore: res.value.hasBefore, loading: false });
  } else {
    const known = new Set(get().items.map((x) => x.id));
    set({
      items: [...get().items, ...res.value.items.filter((x) => !known.has(x.id))],
      hasAfter: res.value.hasAfter,
      loading: false,
    });
  }
  return res.value.items.length;
}
