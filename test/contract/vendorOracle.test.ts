// An independent oracle: Conn's real PagerDuty and Slack clients against Prism mocks of the vendors' own OpenAPI files.
// Prism checks every request we send against the vendor's file (any request violation fails the suite), and answers
// with data generated from the file's schemas; over 25 seeds per call every answer must parse or fail as a classified
// VendorError, never a crash, and no call may hang or walk pages without end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGitHubClient,
  createPagerDutyClient,
  createSlackClient,
  type GitHubClient,
  isVendorError,
  type PagerDutyClient,
  type SlackClient,
} from '../../src/main/core/integrations';
import { startPrism, type PrismMock } from './prism';

const SEEDS = Array.from({ length: 25 }, (_, i) => `conn-contract-${i + 1}`);

/**
 * A seeded mock may answer "more pages" without end; the walk stops at its page cap (a classified malformed error).
 * The cap is lowered here so that stopping costs a few requests, not a hundred.
 */
const PAGES = 5;

/**
 * A seeded mock answers every page of a cursor walk alike, so the walk always sees its cursor again and stops as a
 * malformed answer: the loop guard at work. These calls may therefore never parse here; they must still never crash.
 */
const WALKS_THAT_SEE_THEIR_CURSOR_AGAIN = new Set([
  'findChannelByName',
  // GitHub's description gives its Link header an example whose next page is always 2: every page says "next: 2".
  'listIssues',
  'findIssueByMarker',
]);

/** The named rewrites of GitHub's description (deviations.ts). */
const GITHUB_DEVIATIONS: string[] = ['github-accept-vendor-media-type'];

type Outcome = 'parsed' | `classified:${string}`;

/** Runs one call; a VendorError is a classified failure, anything else is a crash and fails the test. */
async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return 'parsed';
  } catch (e) {
    if (isVendorError(e)) return `classified:${e.kind}`;
    throw new Error(`crashed instead of a classified failure: ${e instanceof Error ? e.stack : String(e)}`);
  }
}

async function exercise<C>(
  prism: PrismMock,
  make: (fetch: typeof globalThis.fetch) => C,
  calls: Record<string, (c: C) => Promise<unknown>>,
): Promise<Record<string, Outcome[]>> {
  const seen: Record<string, Outcome[]> = {};
  // Seeds run one after another; the calls of one seed together (a fresh client each, as separate jobs would).
  for (const seed of SEEDS) {
    const names = Object.keys(calls);
    const got = await Promise.all(names.map((name) => outcome(() => calls[name]!(make(prism.fetchWithSeed(seed))))));
    names.forEach((name, i) => (seen[name] ??= []).push(got[i]!));
  }
  return seen;
}

function expectWellBehaved(prism: PrismMock, seen: Record<string, Outcome[]>, calls: Record<string, unknown>) {
  // A short table in the output: how each call fared over the seeds (what the vendor file's answers look like to Conn).
  const summary = Object.entries(seen).map(([n, o]) => {
    const counts: Record<string, number> = {};
    for (const x of o) counts[x] = (counts[x] ?? 0) + 1;
    return `${n}: ${Object.entries(counts)
      .map(([k, c]) => `${k} ${c}`)
      .join(', ')}`;
  });
  console.log(`contract outcomes over ${SEEDS.length} seeds\n  ${summary.join('\n  ')}`);
  // Prism found nothing wrong with any request Conn sent.
  expect(prism.violations).toEqual([]);
  for (const name of Object.keys(calls)) expect(seen[name], name).toHaveLength(SEEDS.length);
  // The oracle really answered: every call parses for some seeds (a mock that only errs would check nothing), and
  // no answer was Prism failing on its own (a 5xx is Prism's generator giving up, not the vendor's contract).
  const neverParsed = Object.entries(seen)
    .filter(([n, o]) => !o.includes('parsed') && !WALKS_THAT_SEE_THEIR_CURSOR_AGAIN.has(n))
    .map(([n]) => n);
  expect(neverParsed).toEqual([]);
  const serverErrors = Object.entries(seen)
    .filter(([, o]) => o.includes('classified:server'))
    .map(([n]) => n);
  expect(serverErrors).toEqual([]);
  // Prism answers every call Conn makes: a 404 would mean we call an operation the vendor does not have.
  expect(prism.calls.length).toBeGreaterThan(0);
}

describe('PagerDuty client against a Prism mock of PagerDuty’s own REST OpenAPI file', () => {
  let prism: PrismMock;
  beforeAll(async () => {
    prism = await startPrism('pagerduty');
  }, 120_000);
  afterAll(async () => {
    await prism?.stop();
  });

  const calls: Record<string, (c: PagerDutyClient) => Promise<unknown>> = {
    identify: (c) => c.identify(),
    listUsers: (c) => c.listUsers(),
    listServices: (c) => c.listServices(),
    listPriorities: (c) => c.listPriorities(),
    createIncident: (c) =>
      c.createIncident({
        serviceId: 'PSERV01',
        title: 'Users cannot start servers',
        details: 'Details\n\nFreshdesk ticket: https://x/a/tickets/1',
        incidentKey: 'conn-inc1',
        assigneeUserId: 'PUSER01',
        priorityId: 'PPRIO01',
      }),
    getIncident: (c) => c.getIncident('PINC001'),
    findIncidentByKey: (c) => c.findIncidentByKey('conn-inc1'),
    acknowledge: (c) => c.acknowledge('PINC001'),
    reassign: (c) => c.reassign('PINC001', 'PUSER02'),
    resolve: (c) => c.resolve('PINC001', 'fixed'),
    addNote: (c) => c.addNote('PINC001', 'a note\n\n[conn:job1]'),
    statusUpdate: (c) => c.statusUpdate('PINC001', 'We are on it'),
    listNotes: (c) => c.listNotes('PINC001'),
    listLogEntries: (c) => c.listLogEntries('PINC001'),
  };

  it('sends only requests the vendor file allows, and every seeded answer parses or fails classified', async () => {
    expect(prism.applied).toEqual(['pagerduty-accept-vendor-media-type', 'pagerduty-incident-body-details-string']);
    const seen = await exercise(
      prism,
      (fetch) =>
        createPagerDutyClient(
          { token: 'u+contract-token', fromEmail: 'alice@example.com', baseUrl: prism.url },
          { fetch, timeoutMs: 10_000, maxPages: PAGES },
        ),
      calls,
    );
    expectWellBehaved(prism, seen, calls);
  }, 300_000);
});

describe('Slack client against a Prism mock of Slack’s own Web API OpenAPI file', () => {
  let prism: PrismMock;
  beforeAll(async () => {
    prism = await startPrism('slack');
  }, 120_000);
  afterAll(async () => {
    await prism?.stop();
  });

  const calls: Record<string, (c: SlackClient) => Promise<unknown>> = {
    identify: (c) => c.identify(),
    createChannel: (c) => c.createChannel('inc-20261207-ocean'),
    invite: (c) => c.invite('C0CONTRACT1', ['U0ALICE001', 'U0BOB00001']),
    postMessage: (c) => c.postMessage('C0CONTRACT1', 'Status: investigating', { marker: '[conn:job1]' }),
    history: (c) => c.history('C0CONTRACT1', { oldest: '1759219200.000100' }),
    replies: (c) => c.replies('C0CONTRACT1', '1759219200.000100'),
    permalink: (c) => c.permalink('C0CONTRACT1', '1759219200.000100'),
    lookupByEmail: (c) => c.lookupByEmail('alice@example.com'),
    channelInfo: (c) => c.channelInfo('C0CONTRACT1'),
    findChannelByName: (c) => c.findChannelByName('inc-20261207-ocean', { knownId: 'C0CONTRACT1' }),
  };

  it('sends only requests the vendor file allows, and every seeded answer parses or fails classified', async () => {
    expect(prism.applied).toEqual([
      'slack-every-method-accepts-post',
      'slack-token-in-authorization-header',
      'slack-one-of-written-as-a-list',
    ]);
    const seen = await exercise(
      prism,
      (fetch) =>
        createSlackClient(
          { token: 'xoxb-contract-token', apiUrl: `${prism.url}/` },
          { fetch, timeoutMs: 10_000, maxPages: PAGES },
        ),
      calls,
    );
    expectWellBehaved(prism, seen, calls);
  }, 300_000);
});

describe('GitHub client against a Prism mock of GitHub’s own REST description (@octokit/openapi, trimmed)', () => {
  let prism: PrismMock;
  beforeAll(async () => {
    prism = await startPrism('github');
  }, 120_000);
  afterAll(async () => {
    await prism?.stop();
  });

  const o = '2i2c-org';
  const r = 'infrastructure';
  const calls: Record<string, (c: GitHubClient) => Promise<unknown>> = {
    getAuthenticatedUser: (c) => c.getAuthenticatedUser(),
    getRepoPermissions: (c) => c.getRepoPermissions(o, r),
    // The publish: the reports repository's default branch, then a new file (no sha) beside the replaced one.
    getRepo: (c) => c.getRepo(o, 'incident-reports'),
    putNewContent: (c) =>
      c.putContent(o, 'incident-reports', 'reports/2026-12-07-ocean.pdf', {
        message: 'Report',
        contentBase64: Buffer.from('%PDF-1.3').toString('base64'),
        branch: 'conn/inc-1',
      }),
    createIssue: (c) =>
      c.createIssue(o, r, { title: 'Add a quota alert', body: 'What\n\n[conn:job1]', labels: ['incident'] }),
    listIssues: (c) => c.listIssues(o, r, { creator: 'alice', state: 'all' }),
    findIssueByMarker: (c) => c.findIssueByMarker(o, r, 'alice', '[conn:job1]'),
    getIssue: (c) => c.getIssue(o, r, 12, { etag: 'W/"abc"' }),
    getPull: (c) => c.getPull(o, 'incident-reports', 3),
    getRef: (c) => c.getRef(o, 'incident-reports', 'heads/conn/inc-1'),
    createRef: (c) => c.createRef(o, 'incident-reports', 'refs/heads/conn/inc-1', 'a'.repeat(40)),
    updateRef: (c) => c.updateRef(o, 'incident-reports', 'heads/conn/inc-1', 'b'.repeat(40)),
    getContent: (c) => c.getContent(o, 'incident-reports', 'reports/2026-12-07-ocean.md', 'conn/inc-1'),
    putContent: (c) =>
      c.putContent(o, 'incident-reports', 'reports/2026-12-07-ocean.md', {
        message: 'Report',
        contentBase64: Buffer.from('# Report').toString('base64'),
        branch: 'conn/inc-1',
        sha: 'c'.repeat(40),
      }),
    listPulls: (c) => c.listPulls(o, 'incident-reports', '2i2c-org:conn/inc-1'),
    createPull: (c) =>
      c.createPull(o, 'incident-reports', { title: 'Report', head: 'conn/inc-1', base: 'main', body: 'Overview' }),
    updatePull: (c) => c.updatePull(o, 'incident-reports', 3, { body: 'Overview, edited' }),
  };

  it('sends only requests the vendor file allows, and every seeded answer parses or fails classified', async () => {
    expect(prism.applied).toEqual(GITHUB_DEVIATIONS);
    const seen = await exercise(
      prism,
      (fetch) =>
        createGitHubClient(
          { token: 'github_pat_contract_0000000000000000000000', baseUrl: prism.url },
          { fetch, timeoutMs: 10_000, maxPages: PAGES },
        ),
      calls,
    );
    expectWellBehaved(prism, seen, calls);
  }, 300_000);
});
