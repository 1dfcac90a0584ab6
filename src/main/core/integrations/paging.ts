// One bounded page walker for every vendor list: offsets (PagerDuty), cursors (Slack) and Link URLs (Freshdesk).
// A vendor answer that would make us loop (the same cursor or offset again) or that never ends is not followed:
// it is a malformed answer, classified like any other, so a job fails visibly instead of running away.
import { VendorError, type VendorName } from './errors';

/** Pages read at most per walk unless a call says otherwise (PagerDuty refuses offsets past 10 000 anyway). */
export const MAX_PAGES = 100;

export interface Page<T, C> {
  items: readonly T[];
  /** Where the next page starts; null, undefined or '' when this was the last page. */
  next: C | null | undefined;
}

export interface WalkOptions<T, C> {
  vendor: VendorName;
  operation: string;
  /** The first page's position (undefined: the vendor's default start). */
  start?: C;
  fetchPage: (at: C | undefined) => Promise<Page<T, C>>;
  maxPages?: number;
  /** Stops early (no further pages fetched) once an item satisfies this. */
  until?: (item: T) => boolean;
}

function malformed(vendor: VendorName, operation: string, message: string): VendorError {
  return new VendorError({ vendor, operation, kind: 'malformed', vendorMessage: message });
}

/** Walks pages until the vendor says it is done; a repeated position or too many pages is a `malformed` error. */
export async function walkPages<T, C extends string | number>(o: WalkOptions<T, C>): Promise<T[]> {
  const max = o.maxPages ?? MAX_PAGES;
  const out: T[] = [];
  const seen = new Set<C>();
  let at = o.start;
  if (at !== undefined) seen.add(at);
  for (let n = 1; ; n++) {
    const page = await o.fetchPage(at);
    out.push(...page.items);
    if (o.until && page.items.some(o.until)) return out;
    const next = page.next;
    if (next === null || next === undefined || next === '') return out;
    if (seen.has(next))
      throw malformed(
        o.vendor,
        o.operation,
        `the vendor sent the same page position twice (${String(next).slice(0, 40)}); stopped instead of looping`,
      );
    if (n >= max) throw malformed(o.vendor, o.operation, `more than ${max} pages; stopped`);
    seen.add(next);
    at = next;
  }
}
