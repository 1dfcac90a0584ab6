// RELIABILITY §6 S-3: the external-link policy. ≥ 200 table cases (schemes, userinfo, IDN, case, whitespace and
// controls, backslashes, encodings, ports, long URLs) and a fast-check property over 10 000+ random strings: only
// well-formed https URLs on the allow-list are ever handed to the shell, and always re-serialised.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EXTERNAL_HOST_ALLOW_LIST,
  EXTERNAL_URL_MAX,
  externalAllowList,
  isAllowedExternalUrl,
  safeExternalUrl,
} from '../../src/main/electron/policy';

/** The oracle, written independently of the policy: what may reach shell.openExternal. */
function acceptable(opened: string, raw: string): boolean {
  let u: URL;
  try {
    u = new URL(opened);
  } catch {
    return false;
  }
  const allowed = EXTERNAL_HOST_ALLOW_LIST.some((h) => u.hostname === h || u.hostname.endsWith(`.${h}`));
  const labels = u.hostname.split('.');
  return (
    u.href === opened &&
    u.protocol === 'https:' &&
    u.username === '' &&
    u.password === '' &&
    u.port === '' &&
    allowed &&
    labels.every((l) => /^[a-z0-9-]{1,63}$/.test(l)) &&
    !Array.from(raw).some((c) => c <= ' ' || (c >= '\u007f' && c <= '\u009f') || c === '\\') &&
    raw.toLowerCase().startsWith(`https://${u.hostname}`) &&
    raw.length <= EXTERNAL_URL_MAX
  );
}

const ALLOWED: Array<[string, string]> = [
  ['https://app.pagerduty.com/incidents/P123', 'https://app.pagerduty.com/incidents/P123'],
  ['https://acme.pagerduty.com/incidents/Q02JTSNZWHSEKV', 'https://acme.pagerduty.com/incidents/Q02JTSNZWHSEKV'],
  ['https://app.eu.pagerduty.com/incidents/P1', 'https://app.eu.pagerduty.com/incidents/P1'],
  ['https://myorg.slack.com/archives/C1', 'https://myorg.slack.com/archives/C1'],
  [
    'https://acme.slack.com/archives/C0INC0001/p1759219200000100',
    'https://acme.slack.com/archives/C0INC0001/p1759219200000100',
  ],
  [
    'https://acme.slack.com/archives/C1/p1?thread_ts=1.2&cid=C1',
    'https://acme.slack.com/archives/C1/p1?thread_ts=1.2&cid=C1',
  ],
  ['https://app.slack.com/client/T1/C1', 'https://app.slack.com/client/T1/C1'],
  ['https://slack.com/', 'https://slack.com/'],
  ['https://slack.com', 'https://slack.com/'],
  ['https://2i2c.freshdesk.com/a/tickets/1', 'https://2i2c.freshdesk.com/a/tickets/1'],
  ['https://2i2c.freshdesk.com/a/tickets/1#note-3', 'https://2i2c.freshdesk.com/a/tickets/1#note-3'],
  ['https://freshdesk.com', 'https://freshdesk.com/'],
  ['https://github.com/2i2c-org/infrastructure/issues/1', 'https://github.com/2i2c-org/infrastructure/issues/1'],
  [
    'https://github.com/2i2c-org/infrastructure/pull/2?diff=split',
    'https://github.com/2i2c-org/infrastructure/pull/2?diff=split',
  ],
  ['https://gist.github.com/someone/abc', 'https://gist.github.com/someone/abc'],
  ['https://2i2c.org/', 'https://2i2c.org/'],
  ['https://docs.2i2c.org/howto/', 'https://docs.2i2c.org/howto/'],
  ['HTTPS://GITHUB.COM/X', 'https://github.com/X'],
  ['HtTpS://GitHub.Com/a/B', 'https://github.com/a/B'],
  ['https://github.com/a%20b', 'https://github.com/a%20b'],
  ['https://github.com/search?q=caf%C3%A9', 'https://github.com/search?q=caf%C3%A9'],
  ['https://github.com/search?q=café', 'https://github.com/search?q=caf%C3%A9'],
  ['https://github.com/事件', 'https://github.com/%E4%BA%8B%E4%BB%B6'],
  ['https://github.com/a/../b', 'https://github.com/b'],
  ['https://github.com/a/%2e%2e/b', 'https://github.com/b'],
  ['https://github.com/a%2Fb', 'https://github.com/a%2Fb'],
  ['https://github.com/?', 'https://github.com/?'],
  // An @ after the host is part of the path, query or fragment: the link still goes to github.com.
  ['https://github.com#@evil.example/', 'https://github.com/#@evil.example/'],
  ['https://github.com?@evil.example/', 'https://github.com/?@evil.example/'],
  ['https://github.com/@evil.example', 'https://github.com/@evil.example'],
  ['https://github.com/#', 'https://github.com/#'],
  ['https://github.com/x?a=<script>', 'https://github.com/x?a=%3Cscript%3E'],
  ['https://github.com/x#"onmouseover', 'https://github.com/x#%22onmouseover'],
  [
    'https://github.com/' + 'a'.repeat(EXTERNAL_URL_MAX - 'https://github.com/'.length),
    'https://github.com/' + 'a'.repeat(EXTERNAL_URL_MAX - 'https://github.com/'.length),
  ],
];

const REFUSED: Array<[string, string]> = [
  // Not https.
  ...[
    'http://github.com/x',
    'http://app.pagerduty.com/',
    'ftp://github.com/x',
    'ws://github.com/',
    'wss://github.com/',
    'file:///etc/passwd',
    'file://github.com/etc/passwd',
    'FILE:///C:/Windows/System32/calc.exe',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'JAVASCRIPT:alert(document.domain)',
    'javascript://github.com/%0aalert(1)',
    'javascript:https://github.com/',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'DATA:text/html,x',
    'vbscript:msgbox(1)',
    'VBScript:msgbox(1)',
    'blob:https://github.com/uuid',
    'about:blank',
    'chrome://settings',
    'chrome-extension://abc/x.html',
    'view-source:https://github.com/',
    'mailto:someone@github.com',
    'tel:+3112345678',
    'sms:+3112345678',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'smb://github.com/share',
    'ssh://github.com',
    'git://github.com/x.git',
    'steam://run/1',
    'zoommtg://zoom.us/join',
    'slack://open',
    'x-github-client://openRepo/x',
    'intent://github.com#Intent;scheme=https;end',
    'https:github.com/x',
    'https:/github.com/x',
    'https:\\\\github.com/x',
    'https:///github.com/x',
    'https:////github.com/x',
    '//github.com/x',
    '/github.com/x',
    'github.com/x',
    'www.github.com',
    '',
    'not a url',
    'https://',
    'https://?x',
    'https://#x',
  ].map((u): [string, string] => ['scheme', u]),
  // Hosts not on the list or look-alikes.
  ...[
    'https://github.com.evil.example/x',
    'https://evilgithub.com/x',
    'https://github.co/x',
    'https://github.comm/x',
    'https://githubcom/x',
    'https://github-com.evil.example/',
    'https://github.com-evil.example/',
    'https://pagerduty.com.evil.example/',
    'https://slack.com.evil.example/',
    'https://freshdesk.co/',
    'https://2i2c.org.evil/',
    'https://evil.example/github.com',
    'https://evil.example/?https://github.com/',
    'https://evil.example/#https://github.com/',
    'https://example.com/',
    'https://localhost/',
    'https://127.0.0.1/',
    'https://[::1]/',
    'https://10.0.0.1/',
    'https://169.254.169.254/latest/meta-data',
    'https://0x7f000001/',
    'https://2130706433/',
    'https://0177.0.0.1/',
    'https://github.com./x',
    'https://github.com../x',
    'https://.github.com/x',
    'https://github..com/x',
    'https://github.com%2eevil.example/',
    'https://slack.com%2F@evil.example/',
  ].map((u): [string, string] => ['host', u]),
  // User info tricks.
  ...[
    'https://user:pass@github.com/',
    'https://user@github.com/',
    'https://:pass@github.com/',
    'https://@github.com/',
    'https://github.com@evil.example/',
    'https://github.com:443@evil.example/',
    'https://github.com%40evil.example/',
    'https://evil.example@github.com/',
    'https://evil.example%40@github.com/',
    'https://github.com\\@evil.example/',
    'https://a:b:c@github.com/',
    'https://%67ithub.com@evil.example/',
    'https://user%3Apass@github.com/',
  ].map((u): [string, string] => ['userinfo', u]),
  // Internationalised and encoded host names.
  ...[
    'https://gíthub.com/',
    'https://githսb.com/', // Armenian 'ս'
    'https://gіthub.com/', // Cyrillic 'і'
    'https://ɡithub.com/', // Latin script 'ɡ'
    'https://ｇｉｔｈｕｂ.com/', // full-width: the parser maps it to github.com, but that is not what a person read
    'https://ＧＩＴＨＵＢ.ＣＯＭ/',
    'https://github。com/', // ideographic full stop
    'https://github．com/',
    'https://github｡com/',
    'https://xn--gthub-2ta.com/',
    'https://xn--github-.com/',
    'https://github.xn--com-/',
    'https://git%68ub.com/',
    'https://%67%69%74%68%75%62.com/',
    'https://github%2Ecom/',
    'https://github.c%6Fm/',
    'https://git\u00adhub.com/', // soft hyphen, dropped by IDNA
    'https://git\u200bhub.com/', // zero-width space
    'https://git\u200dhub.com/', // zero-width joiner
    'https://github.com\u202e/',
    'https://\u202egithub.com/',
    'https://gi\u0307thub.com/', // combining dot
    'https://slack.com\u3002evil.example/',
    'https://аpp.slack.com/', // Cyrillic 'а'
    'https://app.slасk.com/',
    'https://freshdеsk.com/',
  ].map((u): [string, string] => ['idn', u]),
  // Whitespace and control characters anywhere.
  ...[
    ' https://github.com/',
    'https://github.com/ ',
    '\thttps://github.com/',
    '\nhttps://github.com/',
    'https://github.com/\n',
    'https://github.com/\r\n',
    '\u0000https://github.com/',
    'https://github.com/\u0000',
    'https://git\thub.com/',
    'https://git\nhub.com/',
    'https://git\rhub.com/',
    'https://github.com/a b',
    'https://github.com/a\tb',
    'https://github.com/a\u000bb',
    'https://github.com/a\u000cb',
    'https://github.com/a\u001fb',
    'https://github.com/a\u007fb',
    'https://github.com/a\u0085b',
    'https://github.com/a\u00a0b',
    'https://github.com/a\u2028b',
    'https://github.com/a\u2029b',
    'https://github.com/a\u3000b',
    'https://github.com/a\ufeffb',
    'https://github.com/a\u200eb',
    'https://github.com/a\u202eb',
    'https://github.com/a\u2066b',
    '\ufeffhttps://github.com/',
    'https://github.com/\u0008',
    'https\u0000://github.com/',
    'ht\ttps://github.com/',
  ].map((u): [string, string] => ['whitespace/control', u]),
  // Backslashes (the parser reads them as slashes in special schemes).
  ...[
    'https:\\\\github.com\\x',
    'https://github.com\\x',
    'https://github.com\\.evil.example/',
    'https://evil.example\\github.com/',
    'https://evil.example\\@github.com/',
    'https://github.com/a\\b',
    'https://github.com/\\\\evil.example',
    'https:/\\github.com/',
    'https:\\/github.com/',
    'https://github.com\\@evil.example',
  ].map((u): [string, string] => ['backslash', u]),
  // Ports.
  ...[
    'https://github.com:443/',
    'https://github.com:8443/',
    'https://github.com:80/',
    'https://github.com:0/',
    'https://github.com:65535/',
    'https://github.com:65536/',
    'https://github.com:/',
    'https://github.com:x/',
    'https://github.com:-1/',
    'https://github.com:0443/',
    'https://app.pagerduty.com:444/incidents/P1',
    'https://acme.slack.com:8080/archives/C1',
  ].map((u): [string, string] => ['port', u]),
  // Very long URLs and odd types.
  ...[
    'https://github.com/' + 'a'.repeat(EXTERNAL_URL_MAX),
    'https://github.com/' + 'a'.repeat(EXTERNAL_URL_MAX - 'https://github.com/'.length + 1),
    'https://' + 'a.'.repeat(3000) + 'github.com/',
    'https://github.com/?' + 'q='.repeat(5000),
    'https://' + 'x'.repeat(300) + '.github.com/',
  ].map((u): [string, string] => ['long', u]),
];

describe('external URL policy: table', () => {
  it('has at least 200 cases', () => {
    expect(ALLOWED.length + REFUSED.length).toBeGreaterThanOrEqual(200);
  });

  it.each(ALLOWED)('opens %j as %j', (raw, href) => {
    expect(safeExternalUrl(raw)).toBe(href);
    expect(isAllowedExternalUrl(raw)).toBe(true);
    expect(acceptable(href, raw)).toBe(true);
  });

  it.each(REFUSED)('refuses (%s) %j', (_kind, raw) => {
    expect(safeExternalUrl(raw)).toBeNull();
    expect(isAllowedExternalUrl(raw)).toBe(false);
  });

  it('refuses anything that is not a string', () => {
    for (const v of [
      undefined,
      null,
      42,
      {},
      [],
      new URL('https://github.com/'),
      { toString: () => 'https://github.com/' },
    ]) {
      expect(safeExternalUrl(v)).toBeNull();
    }
  });

  it('honours a custom allow-list exactly (no parent domains, no siblings)', () => {
    const allow = ['status.example.org'];
    expect(safeExternalUrl('https://status.example.org/x', allow)).toBe('https://status.example.org/x');
    expect(safeExternalUrl('https://eu.status.example.org/x', allow)).toBe('https://eu.status.example.org/x');
    expect(safeExternalUrl('https://example.org/x', allow)).toBeNull();
    expect(safeExternalUrl('https://otherstatus.example.org/x', allow)).toBeNull();
    expect(safeExternalUrl('https://github.com/x', allow)).toBeNull();
  });
});

describe('external URL policy: hosts from the settings', () => {
  it("adds a GitHub Enterprise Server's web host, so its links open like github.com's", () => {
    const link = 'https://github.example.org/2i2c-org/infrastructure/pull/42';
    expect(safeExternalUrl(link)).toBeNull();
    const allow = externalAllowList(['GitHub.Example.org', null, undefined]);
    expect(safeExternalUrl(link, allow)).toBe(link);
    for (const h of EXTERNAL_HOST_ALLOW_LIST) expect(allow).toContain(h);
    expect(safeExternalUrl('https://example.org/x', allow)).toBeNull(); // not its parent
  });

  it('adds only plain names of two or more labels: no port, no IP address, no whole top-level domain', () => {
    for (const bad of ['ghe.example.org:8443', '10.0.0.7', 'org', 'localhost', '', ' ', 'ghe..example.org', 'a/b.org'])
      expect(externalAllowList([bad])).toEqual([...new Set(EXTERNAL_HOST_ALLOW_LIST)]);
    expect(safeExternalUrl('https://10.0.0.7/x', externalAllowList(['10.0.0.7']))).toBeNull();
  });
});

// ---- property: 10 000+ random strings -------------------------------------------------------------------------

const hosts = [
  ...EXTERNAL_HOST_ALLOW_LIST,
  'acme.slack.com',
  'acme.pagerduty.com',
  'evil.example',
  'github.com.evil.example',
  'ｇｉｔｈｕｂ.com',
  'xn--gthub-2ta.com',
  '127.0.0.1',
  'git%68ub.com',
  'github.com.',
];
const piece = fc.constantFrom(
  '',
  '/',
  '//',
  '\\',
  '@',
  ':',
  '#',
  '?',
  '%',
  '%2e',
  '%2F',
  '%00',
  '%40',
  '..',
  '.',
  ' ',
  '\t',
  '\n',
  '\u0000',
  '\u202e',
  '\u00a0',
  'evil.example',
  'github.com',
  'user:pass@',
  'javascript:',
  ':443',
  ':8443',
  'é',
  '事',
  '😀',
  'a',
  'Z',
  '=',
  '&',
);
/** URL-shaped strings built from hostile pieces around allow-listed and look-alike hosts. */
const urlish = fc
  .tuple(
    fc.constantFrom(
      'https://',
      'https://',
      'https://',
      'https://',
      'HTTPS://',
      'http://',
      'https:',
      'https:/',
      'https:\\\\',
      ' https://',
      'javascript:',
      'data:text/html,',
      'file://',
      '//',
      '',
    ),
    fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as string[]) },
      { weight: 1, arbitrary: fc.array(piece, { maxLength: 3 }) },
    ),
    fc.constantFrom(...hosts),
    fc.array(piece, { maxLength: 6 }),
  )
  .map(([scheme, pre, host, post]) => `${scheme}${pre.join('')}${host}${post.join('')}`);

const checkOne = (raw: string) => {
  const out = safeExternalUrl(raw);
  if (out !== null) expect(acceptable(out, raw), `${JSON.stringify(raw)} → ${out}`).toBe(true);
  return out !== null;
};

describe('external URL policy: property', () => {
  it('random Unicode strings (10 000) never pass unless they are well-formed allow-listed https URLs', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => void checkOne(raw)),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (raw) => void checkOne(raw)),
      { numRuns: 5000 },
    );
  });

  it('hostile URL-shaped strings (10 000): only acceptable ones pass, and some do (the test is not vacuous)', () => {
    let passed = 0;
    fc.assert(
      fc.property(urlish, (raw) => {
        if (checkOne(raw)) passed++;
      }),
      { numRuns: 10_000 },
    );
    expect(passed).toBeGreaterThan(100);
  });

  it('the answer is stable: feeding the opened URL back in gives the same URL', () => {
    fc.assert(
      fc.property(urlish, (raw) => {
        const out = safeExternalUrl(raw);
        if (out !== null) expect(safeExternalUrl(out)).toBe(out);
      }),
      { numRuns: 2000 },
    );
  });
});
