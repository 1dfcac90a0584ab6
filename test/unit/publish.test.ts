// The published report's links and the blob sha Conn compares with GitHub's (the same as `git hash-object`).
import { describe, expect, it } from 'vitest';
import { gitBlobSha } from '../../src/main/core/outbox/vendors/githubPublish';
import { linksFrom, reportPullFrom } from '../../src/main/core/outbox/links';
import { fileUrlOn, mergedReportUrl, reportLinkOf, type PublishedReport } from '../../src/shared/publish';

const published: PublishedReport = {
  repo: '2i2c-org/incident-reports',
  branch: 'conn/inc1',
  defaultBranch: 'main',
  repoUrl: 'https://github.com/2i2c-org/incident-reports',
  number: 7,
  url: 'https://github.com/2i2c-org/incident-reports/pull/7',
  state: 'open',
  files: [
    { path: 'reports/2026-11-26-uw hub.pdf', sha: 'a'.repeat(40) },
    { path: 'reports/2026-11-26-uw hub.md', sha: 'b'.repeat(40) },
  ],
};

describe('the published report', () => {
  it('links the pull request while open and the Markdown file on the default branch once merged', () => {
    expect(reportLinkOf(published, false)).toBe('https://github.com/2i2c-org/incident-reports/pull/7');
    expect(reportLinkOf(published, true)).toBe(
      'https://github.com/2i2c-org/incident-reports/blob/main/reports/2026-11-26-uw%20hub.md',
    );
    expect(reportLinkOf({ ...published, state: 'merged' }, false)).toMatch(/\/blob\/main\/reports\/.+\.md$/);
    expect(fileUrlOn({ repoUrl: 'https://ghe.example.com/o/r/', defaultBranch: 'trunk' }, 'a/b.pdf')).toBe(
      'https://ghe.example.com/o/r/blob/trunk/a/b.pdf',
    );
  });

  it('falls back to the first file without Markdown, and to the pull request without files, even once merged', () => {
    const pdfOnly = { ...published, files: published.files.slice(0, 1) };
    expect(reportLinkOf(pdfOnly, true)).toMatch(/\/blob\/main\/reports\/.+\.pdf$/);
    expect(mergedReportUrl({ ...published, files: [] })).toBeNull();
    expect(reportLinkOf({ ...published, files: [] }, true)).toBe(published.url);
    expect(reportLinkOf({ ...published, files: [], url: null }, true)).toBeNull();
  });

  it('reads the report as the last sent publish that left one (the links and the publish service alike)', () => {
    const sent = [
      { kind: 'github.publishReport', result: published },
      { kind: 'slack.createChannel', result: { channelId: 'C1' } },
      { kind: 'github.publishReport', result: { ...published, number: 8 } },
      { kind: 'github.publishReport', result: { unexpected: true } },
    ];
    expect(reportPullFrom(sent)?.number).toBe(8);
    expect(linksFrom(undefined, sent).reportPull?.number).toBe(8);
    expect(reportPullFrom(sent.slice(1, 2))).toBeUndefined();
    expect('reportPull' in linksFrom(undefined, sent.slice(1, 2))).toBe(false);
  });

  it('names content by git blob sha, as GitHub does', () => {
    // `printf 'hello\n' | git hash-object --stdin`
    expect(gitBlobSha(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    expect(gitBlobSha(Buffer.alloc(0))).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
  });
});
