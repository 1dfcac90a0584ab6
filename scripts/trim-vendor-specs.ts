// One-off tool: copies the operations Conn calls out of the vendor OpenAPI files into test/simulators/specs (trimmed, noted).
// Usage: npx tsx scripts/trim-vendor-specs.ts [path to the shared specs folder, default ../shared/specs]
//        npx tsx scripts/trim-vendor-specs.ts --github <GitHub's api.github.com.json>
// GitHub's description (13 MB, in the 385 MB @octokit/openapi package) is trimmed to the paths Conn calls into
// test/contract/vendor-docs/github-api.trimmed.json, so neither the package nor the whole file is a dependency.
import fs from 'node:fs';
import path from 'node:path';

const githubAt = process.argv.indexOf('--github');
const src = githubAt >= 0 ? '' : (process.argv[2] ?? path.resolve('..', 'shared', 'specs'));
const out = path.resolve('test', 'simulators', 'specs');

type Json = Record<string, unknown>;

function collectRefs(node: unknown, acc: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, acc));
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') acc.add(v);
      else collectRefs(v, acc);
    }
}

const resolve = (doc: Json, ref: string): unknown =>
  ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((o, k) => (o as Json)?.[k.replace(/~1/g, '/')], doc);

function trim(doc: Json, ops: Record<string, string[]>, header: Json): Json {
  const paths: Json = {};
  for (const [p, methods] of Object.entries(ops)) {
    const item = (doc.paths as Json)[p] as Json;
    if (!item) throw new Error(`missing path ${p}`);
    paths[p] = Object.fromEntries([
      ...methods.map((m) => [m, item[m]]),
      ...(item.parameters ? [['parameters', item.parameters]] : []),
    ]);
  }
  const kept: Json = { ...header, paths };
  // Copy every referenced component (transitively) at the same location.
  const seen = new Set<string>();
  const queue = new Set<string>();
  collectRefs(paths, queue);
  while (queue.size) {
    const [ref] = queue;
    queue.delete(ref!);
    if (seen.has(ref!)) continue;
    seen.add(ref!);
    const value = resolve(doc, ref!);
    const keys = ref!
      .replace(/^#\//, '')
      .split('/')
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    let target = kept;
    for (const k of keys.slice(0, -1)) target = (target[k] ??= {}) as Json;
    target[keys.at(-1)!] = value;
    const more = new Set<string>();
    collectRefs(value, more);
    for (const r of more) if (!seen.has(r)) queue.add(r);
  }
  return kept;
}

/** The GitHub operations Conn calls (client: src/main/core/integrations/github/client.ts). */
export const GITHUB_OPS: Record<string, string[]> = {
  '/user': ['get'],
  '/repos/{owner}/{repo}': ['get'],
  '/repos/{owner}/{repo}/issues': ['get', 'post'],
  '/repos/{owner}/{repo}/issues/{issue_number}': ['get'],
  '/repos/{owner}/{repo}/pulls': ['get', 'post'],
  '/repos/{owner}/{repo}/pulls/{pull_number}': ['get', 'patch'],
  '/repos/{owner}/{repo}/git/ref/{ref}': ['get'],
  '/repos/{owner}/{repo}/git/refs': ['post'],
  '/repos/{owner}/{repo}/git/refs/{ref}': ['patch'],
  '/repos/{owner}/{repo}/contents/{path}': ['get', 'put'],
};

if (githubAt >= 0) {
  const file = process.argv[githubAt + 1];
  if (!file) throw new Error('--github needs the path of api.github.com.json');
  const gh = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
  const target = path.resolve('test', 'contract', 'vendor-docs', 'github-api.trimmed.json');
  fs.writeFileSync(
    target,
    JSON.stringify(
      trim(gh, GITHUB_OPS, {
        'x-conn-trim': {
          source:
            "@octokit/openapi 23.0.2, generated/api.github.com.json (GitHub's own description, github/rest-api-description)",
          version: (gh.info as Json).version,
          note: 'Trimmed to the operations Conn calls (and the components they reference) by scripts/trim-vendor-specs.ts --github. Not edited otherwise.',
        },
        openapi: gh.openapi,
        info: gh.info,
        servers: gh.servers,
      }),
      null,
      1,
    ),
  );
  console.log('trimmed GitHub description written to', target);
  process.exit(0);
}

const pd = JSON.parse(fs.readFileSync(path.join(src, 'pagerduty-rest-openapiv3.json'), 'utf8')) as Json;
const pdOps = {
  '/users/me': ['get'],
  '/users': ['get'],
  '/services': ['get'],
  '/incidents': ['get', 'post'],
  '/incidents/{id}': ['get', 'put'],
  '/incidents/{id}/notes': ['get', 'post'],
  '/incidents/{id}/status_updates': ['post'],
  '/incidents/{id}/log_entries': ['get'],
};
fs.writeFileSync(
  path.join(out, 'pagerduty-rest.trimmed.json'),
  JSON.stringify(
    trim(pd, pdOps, {
      'x-conn-trim': {
        source: 'PagerDuty/api-schema reference/REST/openapiv3.json, commit 91a06fb (2026-08-14)',
        version: (pd.info as Json).version,
        note: 'Trimmed to the operations Conn calls (and the components they reference) by scripts/trim-vendor-specs.ts. Not edited otherwise.',
      },
      openapi: pd.openapi,
      info: pd.info,
      servers: pd.servers,
    }),
    null,
    1,
  ),
);

const slack = JSON.parse(fs.readFileSync(path.join(src, 'slack-web-openapi-v2.json'), 'utf8')) as Json;
const slackOps = Object.fromEntries(
  [
    '/auth.test',
    '/conversations.create',
    '/conversations.invite',
    '/chat.postMessage',
    '/conversations.history',
    '/conversations.replies',
    '/chat.getPermalink',
    '/users.lookupByEmail',
    '/conversations.list',
  ].map((p) => [p, Object.keys((slack.paths as Json)[p] as Json)]),
);
fs.writeFileSync(
  path.join(out, 'slack-web.trimmed.json'),
  JSON.stringify(
    trim(slack, slackOps, {
      'x-conn-trim': {
        source: 'slackapi/slack-api-specs web-api/slack_web_openapi_v2_without_examples.json, v1.7.0 (2021)',
        version: (slack.info as Json).version,
        note: 'Trimmed to the methods Conn calls by scripts/trim-vendor-specs.ts. The spec predates fields Slack documents today; the contract test overlays those (see test/simulators/contract.ts, SLACK_NEWER_FIELDS).',
      },
      swagger: slack.swagger,
      info: slack.info,
      basePath: slack.basePath,
      host: slack.host,
    }),
    null,
    1,
  ),
);
console.log('trimmed specs written to', out);
