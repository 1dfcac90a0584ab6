// The CI security gate: Electronegativity findings of HIGH severity fail the build.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findingsFrom, parseCsv } from '../../scripts/security-gate';

const gate = (input: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/security-gate.ts', input], { encoding: 'utf8' });

describe('security gate', () => {
  it('parses quoted CSV fields with commas, quotes and newlines', () => {
    expect(parseCsv('a,"b,c","d ""e""\nf"\n1,2,3')).toEqual([
      ['a', 'b,c', 'd "e"\nf'],
      ['1', '2', '3'],
    ]);
    const f = findingsFrom(
      'issue, severity, confidence, filename, location, sample, description, url\nX,"HIGH","FIRM","a.ts","1:1","s, t","desc",u\n',
    );
    expect(f).toEqual([
      { check: 'X', severity: 'HIGH', confidence: 'FIRM', file: 'a.ts', location: '1:1', description: 'desc' },
    ]);
  });

  it('fails on a window with node integration and no isolation, and passes on Conn’s source', () => {
    const bad = gate('test/fixtures/insecure-electron');
    expect(bad.status, bad.stdout + bad.stderr).toBe(1);
    expect(bad.stdout).toMatch(/HIGH CONTEXT_ISOLATION_JS_CHECK/);
    const good = gate('src');
    expect(good.status, good.stdout + good.stderr).toBe(0);
  }, 120_000);
});
