// Typed calls into a core for tests: `call` unwraps success, `failure` unwraps the error.
import type { Core } from '../../src/main/core';
import type { OpInput, OpName, OpOutput } from '../../src/shared/contract';
import type { ApiError } from '../../src/shared/result';

export async function call<K extends OpName>(core: Core, name: K, input: OpInput<K>): Promise<OpOutput<K>> {
  const r = await core.invoke(name, input);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code}: ${r.error.message}`);
  return r.value as OpOutput<K>;
}

export async function failure<K extends OpName>(
  core: Core,
  name: K,
  input: OpInput<K> | Record<string, unknown>,
): Promise<ApiError> {
  const r = await core.invoke(name, input);
  if (r.ok) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
}

export const timelineOf = (core: Core, incidentId: string) =>
  core.db
    .prepare(
      'SELECT source, kind, body, actor, ref_id AS refId FROM timeline_entries WHERE incident_id = ? ORDER BY at, id',
    )
    .all(incidentId) as Array<{
    source: string;
    kind: string;
    body: string;
    actor: string | null;
    refId: string | null;
  }>;
