// Contract checks: validates captured requests and simulator responses against the trimmed vendor OpenAPI files (ajv).
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoggedRequest } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
type Json = Record<string, unknown>;

/**
 * Fields Slack documents today that its 2021 spec lacks (the spec sets additionalProperties:false). Each is named here,
 * so the overlay stays small and visible: message `metadata` (message metadata, 2022), `response_metadata` on list
 * answers, `include_all_metadata`/`metadata` arguments, and empty `messages`/`channels` arrays (the spec says minItems
 * 1).
 */
export const SLACK_NEWER_FIELDS = {
  messageProperties: {
    metadata: {
      type: 'object',
      properties: { event_type: { type: 'string' }, event_payload: { type: 'object' } },
      required: ['event_type'],
    },
  },
  responseProperties: { response_metadata: { type: 'object', properties: { next_cursor: { type: 'string' } } } },
  arguments: ['metadata', 'include_all_metadata', 'force'],
};

/**
 * Places where PagerDuty's documentation and its OpenAPI file disagree and Conn follows the documentation:
 * REST-created incidents only support a string `body.details` (API-CONTRACTS.md §7 quirk 11), the spec says object.
 */
export const PD_KNOWN_DEVIATIONS = [/^request body \/incident\/body\/details must be object/];

export interface Problem {
  where: string;
  errors: string[];
}

export interface ContractValidator {
  /** Problems with one captured exchange (request sent by a client and response sent by the simulator). */
  check(r: LoggedRequest): Problem[];
}

const ajvFor = () => {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  const add =
    (addFormats as unknown as { default?: (a: Ajv) => void }).default ?? (addFormats as unknown as (a: Ajv) => void);
  add(ajv);
  // PagerDuty's own time-zone formats: names such as "Europe/Amsterdam".
  for (const f of ['tzinfo', 'activesupport-time-zone']) ajv.addFormat(f, /^[A-Za-z_+\-/ ()0-9:.]+$/);
  return ajv;
};
const fmt = (v: ValidateFunction) =>
  (v.errors ?? []).map(
    (e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${e.params ? JSON.stringify(e.params) : ''}`,
  );

function matchPath(paths: Json, p: string): string | null {
  for (const tpl of Object.keys(paths)) {
    const re = new RegExp(`^${tpl.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (re.test(p)) return tpl;
  }
  return null;
}

export async function pagerDutyContract(): Promise<ContractValidator> {
  const api = (await SwaggerParser.dereference(
    path.join(here, 'specs', 'pagerduty-rest.trimmed.json'),
  )) as unknown as Json;
  // PagerDuty's polymorphic `oneOf`s overlap (a log entry channel `{type:"api"}` fits several), so "exactly one"
  // can never hold for valid data: they are read as `anyOf` ("at least one").
  oneOfAsAnyOf(api);
  return openApi3Validator(api, 'the PagerDuty spec', {
    requestChecks(op, r) {
      const errs: string[] = [];
      for (const p of (op.parameters as Json[]) ?? []) {
        const name = String(p.name).toLowerCase();
        if (p.in === 'header' && p.required && name !== 'content-type' && !(name in r.headers))
          errs.push(`missing required header ${p.name}`);
      }
      return errs;
    },
    bodyErrorKept: (e) => !PD_KNOWN_DEVIATIONS.some((d) => d.test(e)),
    // PagerDuty answers some writes with a 2xx its file lists under another 2xx code.
    anySuccessSchema: true,
  });
}

/**
 * One OpenAPI 3 judge (PagerDuty's and GitHub's files): the path and method exist, query names are known and required
 * ones present, a JSON body fits, and a 2xx answer with a body fits the answer's schema.
 */
function openApi3Validator(
  api: Json,
  name: string,
  o: {
    requestChecks?: (op: Json, r: LoggedRequest) => string[];
    bodyErrorKept?: (e: string) => boolean;
    anySuccessSchema?: boolean;
  } = {},
): ContractValidator {
  const ajv = ajvFor();
  const cache = new Map<object, ValidateFunction>();
  const compile = (schema: object) => cache.get(schema) ?? (cache.set(schema, ajv.compile(schema)), cache.get(schema)!);
  return {
    check(r) {
      const where = `${r.method} ${r.path}`;
      const tpl = matchPath(api.paths as Json, r.path);
      if (!tpl) return [{ where, errors: [`path not in ${name}`] }];
      const item = (api.paths as Json)[tpl] as Json;
      const op = item[r.method.toLowerCase()] as Json | undefined;
      if (!op) return [{ where, errors: [`method not in ${name}`] }];
      const params = [...((item.parameters as Json[]) ?? []), ...((op.parameters as Json[]) ?? [])];
      const errs: string[] = [...(o.requestChecks?.(op, r) ?? [])];
      const known = new Set(params.filter((p) => p.in === 'query').map((p) => String(p.name)));
      for (const q of Object.keys(r.query)) if (!known.has(q)) errs.push(`unknown query parameter ${q}`);
      for (const p of params)
        if (p.in === 'query' && p.required && r.query[String(p.name)] === undefined)
          errs.push(`missing query ${p.name}`);
      const reqSchema = ((op.requestBody as Json | undefined)?.content as Json | undefined)?.['application/json'] as
        Json | undefined;
      if (reqSchema?.schema && r.body !== null) {
        const v = compile(reqSchema.schema as object);
        if (!v(r.body))
          errs.push(
            ...fmt(v)
              .map((e) => `request body ${e}`)
              .filter(o.bodyErrorKept ?? (() => true)),
          );
      }
      const problems: Problem[] = errs.length ? [{ where: `${where} request`, errors: errs }] : [];
      if (r.status !== null && r.status >= 200 && r.status < 300 && r.response !== null) {
        const responses = op.responses as Json;
        const res = (responses[String(r.status)] ??
          (o.anySuccessSchema ? Object.entries(responses).find(([k]) => k.startsWith('2'))?.[1] : undefined)) as
          Json | undefined;
        const schema = ((res?.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema;
        if (!schema) problems.push({ where: `${where} response`, errors: [`no schema for status ${r.status}`] });
        else {
          const v = compile(schema as object);
          if (!v(r.response)) problems.push({ where: `${where} response`, errors: fmt(v).slice(0, 8) });
        }
      }
      return problems;
    },
  };
}

export async function slackContract(): Promise<ContractValidator> {
  const api = (await SwaggerParser.dereference(path.join(here, 'specs', 'slack-web.trimmed.json'))) as unknown as Json;
  overlay(api);
  const ajv = ajvFor();
  const cache = new Map<object, ValidateFunction>();
  const compile = (schema: object) => cache.get(schema) ?? (cache.set(schema, ajv.compile(schema)), cache.get(schema)!);
  return {
    check(r) {
      const method = r.path.replace(/^\/api/, '');
      const where = `slack ${method}`;
      const item = (api.paths as Json)[method] as Json | undefined;
      if (!item) return [{ where, errors: ['method not in the Slack spec'] }];
      const op = (item.post ?? item.get) as Json;
      const params = (op.parameters as Json[]) ?? [];
      const args: Record<string, unknown> = {
        ...Object.fromEntries(Object.entries(r.query).map(([k, v]) => [k, v[0]])),
        ...((r.body as Json) ?? {}),
      };
      const errs: string[] = [];
      const known = new Set([...params.map((p) => String(p.name)), ...SLACK_NEWER_FIELDS.arguments]);
      for (const k of Object.keys(args)) if (!known.has(k)) errs.push(`unknown argument ${k}`);
      for (const p of params)
        if (p.required && p.in !== 'header' && p.name !== 'token' && args[String(p.name)] === undefined)
          errs.push(`missing argument ${p.name}`);
      // `token` may come as a query/form argument or, as Conn sends it, in the Authorization header (checked below).
      if (!r.headers.authorization?.startsWith('Bearer ')) errs.push('token not sent as Authorization: Bearer');
      const problems: Problem[] = errs.length ? [{ where: `${where} request`, errors: errs }] : [];
      if (r.status === 200 && r.response && typeof r.response === 'object') {
        const ok = (r.response as Json).ok === true;
        const res = (op.responses as Json)[ok ? '200' : 'default'] as Json | undefined;
        if (res?.schema && ok) {
          const v = compile(res.schema as object);
          if (!v(r.response)) problems.push({ where: `${where} response`, errors: fmt(v) });
        }
      }
      return problems;
    },
  };
}

/** Applies SLACK_NEWER_FIELDS to the dereferenced spec (objects are shared after dereferencing, so once is enough). */
function overlay(api: Json): void {
  const seen = new Set<object>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const n = node as Json;
    if (n.title === 'Message object' && n.properties)
      Object.assign(n.properties as Json, SLACK_NEWER_FIELDS.messageProperties);
    if (typeof n.title === 'string' && /success schema$/.test(n.title) && n.properties) {
      Object.assign(n.properties as Json, SLACK_NEWER_FIELDS.responseProperties);
      for (const k of ['messages', 'channels']) delete ((n.properties as Json)[k] as Json | undefined)?.minItems;
    }
    Object.values(n).forEach(walk);
  };
  walk(api.paths);
}

function oneOfAsAnyOf(node: unknown, seen = new Set<object>()): void {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  const n = node as Json;
  // The spec's acknowledge variant says `acknowledgement_log_entry`, while its LogEntry enum and the API say
  // `acknowledge_log_entry` (API-CONTRACTS.md §2.6.8): both are accepted.
  if (Array.isArray(n.enum) && n.enum.includes('acknowledgement_log_entry'))
    n.enum = [...n.enum, 'acknowledge_log_entry'];
  if (Array.isArray(n.oneOf)) {
    n.anyOf = n.oneOf;
    delete n.oneOf;
  }
  Object.values(n).forEach((v) => oneOfAsAnyOf(v, seen));
}

/**
 * GitHub's own description (trimmed to Conn's paths, test/contract/vendor-docs): what the client sends (path, query
 * names, JSON body) and what the simulator answers (2xx bodies; a 304 has none) must fit it.
 */
export async function gitHubContract(): Promise<ContractValidator> {
  const api = (await SwaggerParser.dereference(
    path.join(here, '..', 'contract', 'vendor-docs', 'github-api.trimmed.json'),
  )) as unknown as Json;
  nullableAsNull(api.paths);
  return openApi3Validator(api, 'the GitHub description');
}

/**
 * OpenAPI 3.0's `nullable: true` in JSON Schema terms (what ajv reads): `type: [t, 'null']`, or, on a schema without
 * a type (an `allOf` of a referenced object, as GitHub writes "this object or null"), `anyOf: [it, {type: 'null'}]`.
 */
function nullableAsNull(node: unknown, seen = new Set<object>()): void {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  const n = node as Json;
  Object.values(n).forEach((v) => nullableAsNull(v, seen));
  if (n.nullable !== true) return;
  delete n.nullable;
  if (typeof n.type === 'string') {
    n.type = [n.type, 'null'];
    if (Array.isArray(n.enum) && !n.enum.includes(null)) n.enum = [...n.enum, null];
    return;
  }
  const copy = { ...n };
  for (const k of Object.keys(n)) delete n[k];
  n.anyOf = [copy, { type: 'null' }];
}
