// Every place where a vendor's own OpenAPI file contradicts the vendor's real API, in one file, with the reason.
// Each is a named rewrite applied to a temporary copy of the file at test time; the vendor file is never edited.
// A rewrite that no longer finds what it rewrites throws, so a newer vendor file that fixed it shows up here.
/* eslint-disable @typescript-eslint/no-explicit-any -- these walk untyped OpenAPI documents */

export type SpecVendor = 'pagerduty' | 'slack' | 'github';

export interface Deviation {
  name: string;
  vendor: SpecVendor;
  /** Why the vendor file is wrong here, and what the real API does (API-CONTRACTS.md section where there is one). */
  reason: string;
  apply(spec: any): void;
}

/** PagerDuty's versioned media type: the documented Accept header of every REST call (API-CONTRACTS §2.1). */
export const PD_MEDIA_TYPE = 'application/vnd.pagerduty+json;version=2';

const methods = ['get', 'post', 'put', 'delete', 'patch'] as const;

/** GitHub's documented Accept header, and the one Octokit sends. */
export const GITHUB_MEDIA_TYPES = ['application/vnd.github+json', 'application/vnd.github.v3+json'] as const;

/**
 * Declares every `application/json` answer (of the paths, and the shared `components.responses`) under `types` too;
 * returns how many answers of the paths it extended.
 */
function alsoAnswerAs(spec: any, types: readonly string[]): number {
  let n = 0;
  const extend = (res: any, count: boolean) => {
    const json = res?.content?.['application/json'];
    if (!json) return;
    for (const type of types)
      if (!res.content[type]) {
        res.content[type] = json;
        if (count) n++;
      }
  };
  for (const item of Object.values<any>(spec.paths))
    for (const m of methods) for (const res of Object.values<any>(item[m]?.responses ?? {})) extend(res, true);
  for (const res of Object.values<any>(spec.components?.responses ?? {})) extend(res, false);
  return n;
}

function mustFind<T>(v: T | undefined | null, what: string): T {
  if (v === undefined || v === null) throw new Error(`deviation no longer applies: ${what} is not in the vendor file`);
  return v;
}

export const deviations: readonly Deviation[] = [
  {
    name: 'pagerduty-accept-vendor-media-type',
    vendor: 'pagerduty',
    reason:
      'PagerDuty documents (and its file declares, as the required Accept header) ' +
      '`application/vnd.pagerduty+json;version=2`, yet every answer in the file is declared only as ' +
      '`application/json`; the real API answers the versioned type with JSON. Without this a mock answers 406 to the ' +
      'header the vendor itself requires.',
    apply(spec) {
      mustFind(alsoAnswerAs(spec, [PD_MEDIA_TYPE]) || null, 'an application/json answer');
    },
  },
  {
    name: 'pagerduty-incident-body-details-string',
    vendor: 'pagerduty',
    reason:
      'The file types `IncidentBody.details` as an object; incidents created over REST take a string there ' +
      '(API-CONTRACTS §7 quirk 11: an object is refused or shown as "[object Object]"), and Conn sends the text of ' +
      'the details.',
    apply(spec) {
      const details = mustFind(spec.components?.schemas?.IncidentBody?.properties?.details, 'IncidentBody.details');
      spec.components.schemas.IncidentBody.properties.details = { anyOf: [{ type: 'string' }, details] };
    },
  },
  {
    name: 'slack-every-method-accepts-post',
    vendor: 'slack',
    reason:
      'The file lists read methods (conversations.history, conversations.list, users.lookupByEmail, …) as GET only, ' +
      'with their arguments in the query string. The Web API takes every method as a form-encoded POST, which is ' +
      'what the official SDK (and so Conn) sends.',
    apply(spec) {
      let n = 0;
      for (const item of Object.values<any>(spec.paths)) {
        if (!item.get || item.post) continue;
        item.post = {
          ...item.get,
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          parameters: (item.get.parameters ?? []).map((p: any) => (p.in === 'query' ? { ...p, in: 'formData' } : p)),
        };
        n++;
      }
      mustFind(n || null, 'a GET-only method');
    },
  },
  {
    name: 'slack-token-in-authorization-header',
    vendor: 'slack',
    reason:
      'The file declares `token` as a parameter (query, form or a header literally named "token", sometimes ' +
      'required). Slack recommends, and the SDK sends, `Authorization: Bearer xoxb-…` instead, which the file also ' +
      'declares as its oauth2 security; a token argument would put the secret in logs.',
    apply(spec) {
      let n = 0;
      for (const item of Object.values<any>(spec.paths))
        for (const m of methods) {
          const op = item[m];
          if (!op?.parameters) continue;
          const before = op.parameters.length;
          op.parameters = op.parameters.filter((p: any) => p.name !== 'token');
          n += before - op.parameters.length;
        }
      mustFind(n || null, 'a token parameter');
    },
  },
  {
    name: 'slack-one-of-written-as-a-list',
    vendor: 'slack',
    reason:
      'The file writes "one of these shapes" as an untyped tuple, `{ items: [A, B] }`: the conversation object ' +
      '(`objs_conversation` = `items: [channel, im]`), and "X or null" fields such as a message\'s `bot_id` or a ' +
      "channel's `latest`. JSON Schema tools (and so mocks) read that as an array, while Slack sends one object or " +
      'one string (`channel: { id, name, … }`, `bot_id: "B…"`). Rewritten to the first listed shape, everywhere.',
    apply(spec) {
      let n = 0;
      const fix = (node: any): any => {
        if (Array.isArray(node)) return node.map(fix);
        if (!node || typeof node !== 'object') return node;
        for (const k of Object.keys(node)) node[k] = fix(node[k]);
        if (Array.isArray(node.items) && node.type === undefined && node.items.length > 0) {
          n++;
          const { items, ...rest } = node;
          return { ...rest, ...items[0] };
        }
        return node;
      };
      spec.definitions = fix(spec.definitions);
      spec.paths = fix(spec.paths);
      mustFind(n || null, 'a schema written as an untyped items list');
    },
  },
  {
    name: 'github-accept-vendor-media-type',
    vendor: 'github',
    reason:
      'GitHub documents `Accept: application/vnd.github+json` for every REST call (and the official client, Octokit, ' +
      'sends the older `application/vnd.github.v3+json`), yet its description declares every answer only as ' +
      '`application/json`; the real API answers those media types with JSON. Without this a mock answers 406 to the ' +
      'header GitHub itself recommends. The real API labels that JSON `application/json; charset=utf-8` whatever ' +
      "was asked, so the mock's answers in these types are relabelled so too (`githubAnswerType`, used by prism.ts).",
    apply(spec) {
      mustFind(alsoAnswerAs(spec, GITHUB_MEDIA_TYPES) || null, 'an application/json answer');
    },
  },
];

/**
 * Part of `github-accept-vendor-media-type`: the Content-Type GitHub gives its JSON answers, in place of the vendor
 * media type the mock echoes back from the Accept header (Octokit, like GitHub, reads only application/json as
 * JSON).
 */
export function githubAnswerType(contentType: string | null): string | null {
  const type = (contentType ?? '').split(';')[0]!.trim();
  return (GITHUB_MEDIA_TYPES as readonly string[]).includes(type) ? 'application/json; charset=utf-8' : null;
}

/** Applies the named rewrites of one vendor to a (copied) document, in order. */
export function applyDeviations(spec: any, vendor: SpecVendor): string[] {
  const applied: string[] = [];
  for (const d of deviations) {
    if (d.vendor !== vendor) continue;
    d.apply(spec);
    applied.push(d.name);
  }
  return applied;
}
