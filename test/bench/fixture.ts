// The benchmark database: a year of incidents with many notes, built once and cached under out/bench/.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCore, DB_FILE_NAME } from '../../src/main/core';
import { notesRepo } from '../../src/main/core/db/repos/notes';
import { migrations } from '../../src/main/core/db/migrations';
import { timeOrderedIds } from '../../src/main/core/ids';
import type { Incident } from '../../src/shared/domain';
import { fakeClock } from '../helpers/core';
import { incidentTitle, noteStream } from './data';
import { seeded } from '../helpers/seeded';

export interface FixtureSpec {
  name: string;
  incidents: number;
  notes: number;
  /** Notes in the newest incident (the one the renderer and RSS benchmarks open). */
  bigNotes: number;
}

export const fullFixture: FixtureSpec = { name: 'full', incidents: 200, notes: 100_000, bigNotes: 10_000 };
export const quickFixture: FixtureSpec = { name: 'quick', incidents: 10, notes: 2_000, bigNotes: 500 };

export interface Fixture {
  spec: FixtureSpec;
  /** The cached database file; copy it (copyFixture) before opening it with anything that writes. */
  file: string;
  bigIncidentId: string;
  incidentIds: string[];
}

const FORMAT = 2; // bump when the generator changes
const DAY = 86_400_000;
export const benchDir = resolve('out', 'bench');

export async function fixture(spec: FixtureSpec): Promise<Fixture> {
  const dir = join(benchDir, `fixture-${spec.name}`);
  const metaFile = join(dir, 'meta.json');
  const key = { format: FORMAT, migrations: migrations.length, spec };
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as {
      key: unknown;
      bigIncidentId: string;
      incidentIds: string[];
    };
    if (JSON.stringify(meta.key) === JSON.stringify(key) && existsSync(join(dir, DB_FILE_NAME))) {
      return { spec, file: join(dir, DB_FILE_NAME), bigIncidentId: meta.bigIncidentId, incidentIds: meta.incidentIds };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stdout.write(
    `  building the ${spec.name} benchmark database (${spec.notes} notes in ${spec.incidents} incidents), cached in ` +
      `${dir}…\n`,
  );
  const start = Date.UTC(2025, 10, 1, 8, 0, 0);
  const clock = fakeClock(start);
  const core = createCore({ dataDir: dir, clock });
  const r = seeded(42);
  const incidentIds: string[] = [];
  const notes = notesRepo(core.db);
  const ids = timeOrderedIds(clock);
  const next = noteStream(4242);
  const others = spec.notes - spec.bigNotes;
  const insertNotes = core.db.transaction((incidentId: string, from: number, count: number) => {
    let at = from + 60_000;
    for (let k = 0; k < count; k++) {
      at += Math.floor((5_000 + r() * 40_000) / (count > 2000 ? 4 : 1));
      clock.set(at);
      const { kind, body } = next();
      const id = ids.next();
      notes.insert({ id, incidentId, kind, body, author: 'me', at, clientId: null });
    }
  });
  for (let i = 0; i < spec.incidents; i++) {
    const declaredAt = start + Math.floor((i * 365 * DAY) / spec.incidents);
    clock.set(declaredAt);
    const res = await core.invoke('incidents.declare', { title: incidentTitle(r, i), hub: 'bench' });
    if (!res.ok) throw new Error(res.error.message);
    const incidentId = (res.value as Incident).id;
    incidentIds.push(incidentId);
    const big = i === spec.incidents - 1;
    const count = big
      ? spec.bigNotes
      : Math.floor(others / (spec.incidents - 1)) + (i < others % (spec.incidents - 1) ? 1 : 0);
    insertNotes(incidentId, declaredAt, count);
  }
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  core.db.exec('ANALYZE');
  core.close();
  const bigIncidentId = incidentIds[incidentIds.length - 1]!;
  writeFileSync(metaFile, JSON.stringify({ key, bigIncidentId, incidentIds }, null, 2));
  return { spec, file: join(dir, DB_FILE_NAME), bigIncidentId, incidentIds };
}

/** A writable copy of the fixture in `dataDir` (created), ready for createCore or `npm run serve`. */
export function copyFixture(f: Fixture, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  copyFileSync(f.file, join(dataDir, DB_FILE_NAME));
}
