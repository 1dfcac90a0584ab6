// The one GitHub link parser: issue and pull request links in free text (notes, Slack's <url|label> form, Markdown,
// ticket replies), github.com and a configured Enterprise host only, trailing punctuation left out.
import { describe, expect, it } from 'vitest';
import { findGitHubLinks, gitHubKey, parseGitHubUrl, webHostOfApi } from '../../../src/shared/githubLinks';
import { parseGitHubLink } from '../../../src/main/core/integrations';

const urls = (text: string, hosts: string[] = []) => findGitHubLinks(text, hosts).map((l) => l.url);

describe('GitHub link parser', () => {
  it('finds issues and pull requests in many shapes', () => {
    expect(findGitHubLinks('fix in https://github.com/2i2c-org/infrastructure/pull/4321')).toEqual([
      {
        owner: '2i2c-org',
        repo: 'infrastructure',
        kind: 'pull',
        number: 4321,
        url: 'https://github.com/2i2c-org/infrastructure/pull/4321',
      },
    ]);
    expect(urls('see https://github.com/2i2c-org/infrastructure/issues/12#issuecomment-99')).toEqual([
      'https://github.com/2i2c-org/infrastructure/issues/12',
    ]);
    expect(urls('files: https://github.com/o/r/pull/7/files?w=1')).toEqual(['https://github.com/o/r/pull/7']);
    expect(urls('http://www.github.com/o/my.repo_x-y/issues/3')).toEqual(['https://github.com/o/my.repo_x-y/issues/3']);
    expect(urls('HTTPS://GitHub.com/Org/Repo/PULL/5')).toEqual(['https://github.com/Org/Repo/pull/5']);
    // Slack's link form and Markdown.
    expect(urls('<https://github.com/o/r/pull/8|the PR> and [issue](https://github.com/o/r/issues/9)')).toEqual([
      'https://github.com/o/r/pull/8',
      'https://github.com/o/r/issues/9',
    ]);
  });

  it('leaves trailing punctuation out', () => {
    for (const tail of ['.', ',', ')', ';', ':', '!', '?', '"', "'", ']', '>', '…'])
      expect(urls(`(merged https://github.com/o/r/pull/77${tail}`)).toEqual(['https://github.com/o/r/pull/77']);
    expect(urls('https://github.com/o/r/pull/77.\nNext line')).toEqual(['https://github.com/o/r/pull/77']);
  });

  it('lists each item once, in order, whatever the case or the suffix', () => {
    const found = findGitHubLinks(
      'https://github.com/o/r/pull/2 then https://github.com/O/R/pull/2/commits and https://github.com/o/r/issues/1',
    );
    expect(found.map(gitHubKey)).toEqual(['o/r#2', 'o/r#1']);
  });

  it('does not match other hosts, lookalikes or other GitHub pages', () => {
    for (const text of [
      'https://gitlab.com/o/r/issues/1',
      'https://notgithub.com/o/r/pull/1',
      'https://github.com.evil.example/o/r/pull/1',
      'https://evil.example/github.com/o/r/pull/1',
      'https://gist.github.com/o/r/pull/1',
      'https://github.com/o/r/pulls/1',
      'https://github.com/o/r/issues/new',
      'https://github.com/o/r/pull/0',
      'https://github.com/o/r/pull/12abc',
      'https://github.com/o/r',
      'https://github.com/orgs/o/projects/3',
      'github.com/o/r/pull/1',
      'ftp://github.com/o/r/pull/1',
      'mailto:someone@github.com/o/r/pull/1',
    ])
      expect(urls(text), text).toEqual([]);
  });

  it('accepts a configured GitHub Enterprise host, and only then', () => {
    const text = 'see https://github.example.org/infra/deploy/pull/31 and https://github.com/o/r/issues/2';
    expect(urls(text)).toEqual(['https://github.com/o/r/issues/2']);
    expect(urls(text, ['github.example.org'])).toEqual([
      'https://github.example.org/infra/deploy/pull/31',
      'https://github.com/o/r/issues/2',
    ]);
    expect(urls('https://xgithub.example.org/a/b/pull/1', ['github.example.org'])).toEqual([]);
    expect(webHostOfApi('https://github.example.org/api/v3')).toBe('github.example.org');
    expect(webHostOfApi('https://api.github.com')).toBeNull();
    expect(webHostOfApi('')).toBeNull();
    expect(webHostOfApi('not a url')).toBeNull();
  });

  it('parses one pasted URL, any host (the client helper)', () => {
    expect(parseGitHubUrl(' https://ghe.example/a/b/issues/4 ')).toMatchObject({
      owner: 'a',
      kind: 'issue',
      number: 4,
    });
    expect(parseGitHubUrl('see https://github.com/a/b/issues/4')).toBeNull();
    expect(parseGitHubLink('https://github.com/2i2c-org/incident-reports/pull/3#discussion')).toEqual({
      owner: '2i2c-org',
      repo: 'incident-reports',
      kind: 'pull',
      number: 3,
    });
  });
});
