// A linked item's moments as timeline entries: opened, then merged (a pull request) or closed, each with a stable
// vendor ref (a closing carries its time, so close → reopen → close is two entries); the report reads them as vendor
// events.
import { describe, expect, it } from 'vitest';
import { entriesOf, factsOfIssue, factsOfPull } from '../../../src/main/core/integrations/github/map';
import type { GhIssue, GhPull } from '../../../src/main/core/integrations';
import { roleOf } from '../../../src/main/core/report/propose';

const link = { owner: '2i2c-org', repo: 'Infra', number: 5, url: 'https://github.com/2i2c-org/Infra/pull/5' };
const branch = { ref: 'x', sha: 'a' };
const pull = (over: Partial<GhPull>): GhPull => ({
  id: 1,
  number: 5,
  html_url: link.url,
  title: 'Raise quota',
  state: 'open',
  created_at: '2026-12-01T10:00:00Z',
  head: branch,
  base: branch,
  user: { login: 'bob' },
  ...over,
});
const issue = (over: Partial<GhIssue>): GhIssue => ({
  id: 2,
  number: 5,
  html_url: link.url,
  title: 'Alert on quota',
  state: 'open',
  created_at: '2026-12-01T10:00:00Z',
  ...over,
});

describe('GitHub moments', () => {
  it('an open pull request has one moment; merged, two (not a "closed" as well)', () => {
    expect(entriesOf(link, factsOfPull(pull({}))).map((e) => [e.kind, e.vendorRef, e.at, e.actor])).toEqual([
      ['pull.opened', '2i2c-org/infra#5:opened', '2026-12-01T10:00:00.000Z', 'bob'],
    ]);
    const merged = factsOfPull(
      pull({ state: 'closed', merged_at: '2026-12-01T11:00:00Z', closed_at: '2026-12-01T11:00:00Z' }),
    );
    expect(merged.state).toBe('merged');
    const entries = entriesOf(link, merged);
    expect(entries.map((e) => [e.kind, e.vendorRef, e.at])).toEqual([
      ['pull.opened', '2i2c-org/infra#5:opened', '2026-12-01T10:00:00.000Z'],
      ['pull.merged', '2i2c-org/infra#5:merged', '2026-12-01T11:00:00.000Z'],
    ]);
    expect(entries[1]!.body).toBe(`Pull request merged: Raise quota (2i2c-org/Infra#5)\n${link.url}`);
  });

  it('a closed pull request or issue has a closing moment named by its time', () => {
    const closedPr = entriesOf(link, factsOfPull(pull({ state: 'closed', closed_at: '2026-12-02T09:00:00Z' })));
    expect(closedPr.map((e) => e.vendorRef)).toEqual([
      '2i2c-org/infra#5:opened',
      '2i2c-org/infra#5:closed@2026-12-02T09:00:00.000Z',
    ]);
    const first = entriesOf(link, factsOfIssue(issue({ state: 'closed', closed_at: '2026-12-02T09:00:00Z' })));
    const again = entriesOf(link, factsOfIssue(issue({ state: 'closed', closed_at: '2026-12-03T09:00:00Z' })));
    expect(first[1]!.kind).toBe('issue.closed');
    expect(first[1]!.vendorRef).not.toBe(again[1]!.vendorRef);
  });

  it('an issue link that names a pull request is read as one', () => {
    const f = factsOfIssue(issue({ pull_request: { url: 'x', merged_at: '2026-12-01T12:00:00Z' } }));
    expect(f).toMatchObject({ kind: 'pull', state: 'merged', mergedAt: '2026-12-01T12:00:00.000Z' });
  });

  it('the report proposes GitHub moments as vendor events', () => {
    expect(roleOf({ source: 'github', kind: 'pull.merged' })).toBe('vendor');
    expect(roleOf({ source: 'github', kind: 'issue.closed' })).toBe('vendor');
    expect(roleOf({ source: 'github', kind: 'something.else' })).toBeNull();
  });
});
