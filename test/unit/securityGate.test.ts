// The CI security gate: Electronegativity findings of HIGH severity fail the build.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findingsFrom, isCompleteReport, parseCsv } from '../../scripts/security-gate';

const gate = (input: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/security-gate.ts', input], { encoding: 'utf8' });

describe('security gate', () => {
  it('parses quoted CSV fields with commas, quotes and newlines', () => {
    expect(parseCsv('a,"b,c","d ""e""\nf"\n1,2,3')).toEqual([
      ['a', 'b,c', 'd "e"\nf'],
      ['1', '2', '3'],
    ]);
    const f = findingsFrom(
      'issue, severity, confidence, filename, location, sample, description, url\nX,"HIGH","FIRM","a.ts","1:1","s, ' +
        't","desc",u\n',
    );
    expect(f).toEqual([
      { check: 'X', severity: 'HIGH', confidence: 'FIRM', file: 'a.ts', location: '1:1', description: 'desc' },
    ]);
  });

  it('knows a truncated report from a whole one, so the gate runs the tool again instead of reading junk', () => {
    const header = 'issue, severity, confidence, filename, location, sample, description, url\n';
    const row =
      'CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","main.js","3:2","webPreferences: {\n  contextIsolation: ' +
      'false\n}","desc",u\n';
    expect(isCompleteReport(header + row)).toBe(true);
    // Cut inside the quoted sample: what is left of it parses as rows that are not findings.
    const cut = header + row.slice(0, row.indexOf('contextIsolation'));
    expect(isCompleteReport(cut)).toBe(false);
    expect(isCompleteReport(header)).toBe(false);
    expect(findingsFrom(header + 'x,"contextIsolation: false",y,z,a,b,c\n')).toEqual([]);
  });

  it('fails on a window with node integration and no isolation, and passes on Conn’s source', () => {
    const bad = gate('test/fixtures/insecure-electron');
    expect(bad.status, bad.stdout + bad.stderr).toBe(1);
    expect(bad.stdout).toMatch(/HIGH CONTEXT_ISOLATION_JS_CHECK/);
    const good = gate('src');
    expect(good.status, good.stdout + good.stderr).toBe(0);
  }, 120_000);
});
