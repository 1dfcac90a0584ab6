// The Content-Security-Policy both shells apply to the renderer: only our own scripts, no inline code, and Trusted
// Types enforced with no policy allowed, so any string assigned to an HTML/script sink (innerHTML, outerHTML,
// document.write, script.src…) throws instead of parsing. React only writes such sinks for dangerouslySetInnerHTML
// and <script> elements, which Conn never renders, so it needs no policy. The one source of truth: the web shell
// sends it as a header, Electron's session adds it to every response, and the build writes the <meta> variant into
// index.html (see electron.vite.config.ts).
const directives = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
];

export const CONTENT_SECURITY_POLICY = directives.join('; ');

/** Directives a <meta> policy may not carry (browsers ignore them there and log a warning). */
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'sandbox'];

/** The same policy for index.html's <meta http-equiv> (the fallback for pages loaded from file://). */
export const CONTENT_SECURITY_POLICY_META = directives
  .filter((d) => !HEADER_ONLY.includes(d.split(' ')[0]!))
  .join('; ');

/** The placeholder index.html carries where the build writes CONTENT_SECURITY_POLICY_META. */
export const CSP_PLACEHOLDER = '__CONN_CSP__';
