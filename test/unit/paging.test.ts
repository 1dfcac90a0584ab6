// The one page walker: follows pages until the vendor is done, stops a repeated position or an endless list as a
// classified malformed answer, and stops early once the wanted item is found.
import { describe, expect, it } from 'vitest';
import { isVendorError } from '../../src/main/core/integrations';
import { MAX_PAGES, walkPages } from '../../src/main/core/integrations/paging';

const pages = (n: number) => async (at: number | undefined) => ({
  items: [at ?? 0],
  next: (at ?? 0) + 1 < n ? (at ?? 0) + 1 : null,
});

describe('walkPages', () => {
  it('reads every page until the vendor says it is done', async () => {
    expect(await walkPages({ vendor: 'pagerduty', operation: 'x', fetchPage: pages(4) })).toEqual([0, 1, 2, 3]);
  });

  it('a repeated position is malformed, not followed', async () => {
    let calls = 0;
    const err = await walkPages<string, string>({
      vendor: 'slack',
      operation: 'conversations.list',
      fetchPage: async () => {
        calls++;
        return { items: ['c'], next: 'same' };
      },
    }).catch((e: unknown) => e);
    expect(isVendorError(err) && err.kind === 'malformed').toBe(true);
    expect(calls).toBe(2);
  });

  it('an endless list stops at the page cap as malformed', async () => {
    let calls = 0;
    const err = await walkPages<number, number>({
      vendor: 'pagerduty',
      operation: 'listUsers',
      fetchPage: async (at) => {
        calls++;
        return { items: [1], next: (at ?? 0) + 1 };
      },
    }).catch((e: unknown) => e);
    expect(isVendorError(err) && err.kind === 'malformed' && /more than/.test(err.message)).toBe(true);
    expect(calls).toBe(MAX_PAGES);
  });

  it('stops early once an item matches', async () => {
    let calls = 0;
    const got = await walkPages<number, number>({
      vendor: 'slack',
      operation: 'conversations.list',
      until: (x) => x === 1,
      fetchPage: async (at) => {
        calls++;
        return { items: [at ?? 0], next: (at ?? 0) + 1 };
      },
    });
    expect(got).toEqual([0, 1]);
    expect(calls).toBe(2);
  });
});
