// The report as a standalone, print-ready HTML document (the PDF is printed from it). Every value is
// escaped; section Markdown is rendered without raw HTML.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Markdown from 'react-markdown';
import { issueStateLabels, type ReportView } from '../../../shared/report';
import { reportCss } from './htmlStyle';
import {
  EMPTY_ACTIONS_TEXT,
  EMPTY_SECTION_TEXT,
  EMPTY_TIMELINE_TEXT,
  citationNumbers,
  headerRows,
  replaceCitations,
} from './markdown';

export function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Markdown → HTML with raw HTML shown as text and unsafe link protocols dropped (react-markdown's defaults). */
export function markdownHtml(text: string): string {
  return renderToStaticMarkup(createElement(Markdown, { skipHtml: false }, text));
}

const empty = (text: string) => `<p class="empty">${esc(text)}</p>`;

function actionItemsHtml(view: ReportView): string {
  if (view.actionItems.length === 0) return empty(EMPTY_ACTIONS_TEXT);
  const rows = view.actionItems
    .map((a, i) => {
      const short = (url: string) => url.replace('https://github.com/', '').replace('/issues/', '#');
      const state = a.issueState
        ? ` <span class="issue-${a.issueState}">${esc(issueStateLabels[a.issueState])}</span>`
        : '';
      const issue = a.issueUrl
        ? `<a href="${esc(a.issueUrl)}">${esc(short(a.issueUrl))}</a>${state}`
        : '<span class="missing">Not linked yet</span>';
      return `<tr><td class="num">${i + 1}</td><td><strong>${esc(a.what)}</strong>${
        a.doneWhen ? `<div class="done">Done when: ${esc(a.doneWhen)}</div>` : ''
      }</td><td>${esc(a.owner || '—')}</td><td>${issue}</td></tr>`;
    })
    .join('');
  return (
    `<table class="items"><thead><tr><th class="num">#</th><th>What needs to happen</th>` +
    `<th>Owner</th><th>Issue</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function timelineHtml(view: ReportView): string {
  if (view.timeline.length === 0) return empty(EMPTY_TIMELINE_TEXT);
  const days: string[] = [];
  let current = '';
  let rows: string[] = [];
  const flush = () => {
    if (current) days.push(`<h3>${esc(current)}</h3><table class="timeline"><tbody>${rows.join('')}</tbody></table>`);
  };
  for (const line of view.timeline) {
    if (line.day !== current) {
      flush();
      current = line.day;
      rows = [];
    }
    rows.push(`<tr><td class="time">${esc(line.time.slice(11))}</td><td>${esc(line.text)}</td></tr>`);
  }
  flush();
  return days.join('');
}

export function reportHtml(view: ReportView): string {
  const h = view.header;
  const meta = headerRows(view);
  const numbers = citationNumbers(view);
  const sources =
    view.citations.length === 0
      ? ''
      : `\n<section id="sources"><h2>Sources</h2><p class="empty">Entries of the incident record the sentences ` +
        `above cite (${esc(h.timezone)}).</p><ol class="sources">${view.citations
          .map((c, i) => `<li id="source-${i + 1}"><span class="time">${esc(c.time)}</span> ${esc(c.text)}</li>`)
          .join('')}</ol></section>`;
  const sections = view.sections
    .map((s) => {
      const body =
        s.kind === 'text'
          ? s.body && s.body.trim()
            ? markdownHtml(replaceCitations(s.body, numbers, (n) => `[[${n}]](#source-${n})`))
            : empty(EMPTY_SECTION_TEXT)
          : s.kind === 'actionItems'
            ? actionItemsHtml(view)
            : timelineHtml(view);
      return `<section id="${esc(s.key)}"><h2>${esc(s.title)}</h2>${body}</section>`;
    })
    .join('\n')
    .concat(sources);
  return (
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data: ` +
    `https:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`Incident report: ${h.title}`)}</title>
<style>${reportCss}</style>
</head>
<body>
<article>
<header>
<p class="kicker">Incident report</p>
<h1>${esc(h.title)}</h1>
<dl class="meta">${meta.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>
</header>
${sections}
</article>
</body>
</html>
`
  );
}
