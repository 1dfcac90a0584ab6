// The exported report's stylesheet: a quiet, print-first public document (A4, serif body, sans headings).
export const reportCss = `
@page { size: A4; margin: 18mm 18mm 20mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font-size: 10.5pt; }
body { margin: 0; color: #1b1f24; background: #fff;
  font-family: 'Charter', 'Georgia', 'DejaVu Serif', 'Liberation Serif', serif; line-height: 1.5; }
article { max-width: 44rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
@media print { article { padding: 0; max-width: none; } }
h1, h2, h3, .kicker, dt, th { font-family: 'Helvetica Neue', 'Segoe UI', 'DejaVu Sans', 'Liberation Sans', Arial,
  sans-serif; }
.kicker { text-transform: uppercase; letter-spacing: 0.04em; font-size: 0.75rem; color: #57606a; margin: 0 0 0.3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.8rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 1px solid #d0d7de;
  break-after: avoid; }
h3 { font-size: 0.95rem; margin: 1rem 0 0.3rem; color: #424a53; break-after: avoid; }
p { margin: 0.4rem 0 0.7rem; }
ul, ol { padding-left: 1.4rem; }
li { margin: 0.15rem 0; }
a { color: #0b5cad; text-decoration: none; }
code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 0.88em; background: #f3f4f6;
  padding: 0.05rem 0.25rem; border-radius: 3px; }
pre { background: #f6f8fa; padding: 0.6rem 0.8rem; border-radius: 4px; white-space: pre-wrap; word-break:
  break-word; break-inside: avoid; }
pre code { background: none; padding: 0; }
blockquote { margin: 0.5rem 0; padding-left: 0.8rem; border-left: 3px solid #d0d7de; color: #424a53; }
.meta { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.35rem 1.5rem; margin: 0 0 1.5rem;
  padding: 0.8rem 1rem; background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; break-inside: avoid; }
.meta div { display: flex; flex-direction: column; }
dt { font-size: 0.7rem; text-transform: uppercase; letter-spacing: 0.08em; color: #57606a; }
dd { margin: 0; }
.empty { color: #6e7781; font-style: italic; }
.missing { color: #9a6700; font-style: italic; }
.issue-open { color: #1a7f37; font-size: 0.85em; }
.issue-closed { color: #57606a; font-size: 0.85em; }
table { width: 100%; border-collapse: collapse; margin: 0.4rem 0 0.8rem; }
th { text-align: left; font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: #57606a;
  border-bottom: 1px solid #d0d7de; padding: 0.3rem 0.4rem; }
td { vertical-align: top; padding: 0.35rem 0.4rem; border-bottom: 1px solid #eaeef2; overflow-wrap: anywhere; }
tr { break-inside: avoid; }
td.num, th.num { width: 2rem; color: #57606a; }
.items .done { color: #424a53; font-size: 0.92em; margin-top: 0.15rem; }
.timeline td.time { width: 4.5rem; white-space: nowrap; font-variant-numeric: tabular-nums; color: #424a53;
  font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 0.9em; }
.sources { font-size: 0.9em; color: #424a53; }
.sources .time { font-variant-numeric: tabular-nums; font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace;
  font-size: 0.9em; }
`;
