// The report as a Markdown file: a small YAML front-matter block of the header, then the sections in order.
import { issueStateLabels, reportStatusLabels, type ReportView } from '../../../shared/report';
import { formatZoned } from '../../../shared/zonedTime';
import { CITATION } from './propose';

/** JSON strings are valid YAML double-quoted scalars, escapes included. */
const yaml = (v: string | null) => (v === null ? 'null' : JSON.stringify(v));
const ms = (iso: string) => Date.parse(iso);
const oneLine = (s: string) => s.replace(/\s*\r?\n\s*/g, ' ').trim();

export const EMPTY_SECTION_TEXT = 'Nothing has been written here yet.';
export const EMPTY_TIMELINE_TEXT = 'No timeline entries have been marked for this report.';
export const EMPTY_ACTIONS_TEXT = 'No action items have been recorded.';

/** Footnote numbers for the cited entries, in order of first citation (as view.citations lists them). */
export function citationNumbers(view: ReportView): Map<string, number> {
  return new Map(view.citations.map((c, i) => [c.entryId, i + 1]));
}

/**
 * The text with each `[^e:<entryId>]` marker replaced by `render(n)`; a marker naming no known entry is dropped (its
 * entry was deleted), and any acceptance marker comment is removed.
 */
export function replaceCitations(text: string, numbers: Map<string, number>, render: (n: number) => string): string {
  return text.replace(/\n*<!-- conn:proposed:[0-9a-f]{8} -->\s*$/, '').replace(CITATION, (_m, id: string) => {
    const n = numbers.get(id);
    return n === undefined ? '' : render(n);
  });
}

export interface HeaderFacts {
  status: string;
  owner: string;
  start: string;
  end: string;
  duration: string;
  timezone: string;
}

export function headerFacts(view: ReportView): HeaderFacts {
  const h = view.header;
  return {
    status: reportStatusLabels[h.status],
    owner: h.owner || 'Not assigned',
    start: formatZoned(ms(h.impactStart), h.timezone),
    end: h.impactEnd ? formatZoned(ms(h.impactEnd), h.timezone) : 'Not recorded',
    duration: h.duration ?? 'Unknown (no end time)',
    timezone: h.timezone,
  };
}

/** The header box's rows, label and value, as the HTML and PDF exports show them (the hub second, when known). */
export function headerRows(view: ReportView): Array<[string, string]> {
  const f = headerFacts(view);
  const rows: Array<[string, string]> = [
    ['Status', f.status],
    ['Owner of the review', f.owner],
    ['Impact start', f.start],
    ['Impact end', f.end],
    ['Duration', f.duration],
    ['Timezone', `All times are given in ${f.timezone}`],
  ];
  if (view.hub) rows.splice(1, 0, ['Hub', view.hub]);
  return rows;
}

export function reportMarkdown(view: ReportView): string {
  const h = view.header;
  const f = headerFacts(view);
  const out: string[] = [
    '---',
    `title: ${yaml(h.title)}`,
    `status: ${yaml(f.status)}`,
    `owner: ${yaml(h.owner || null)}`,
    `hub: ${yaml(view.hub)}`,
    `impact_start: ${yaml(formatZoned(ms(h.impactStart), h.timezone))}`,
    `impact_end: ${yaml(h.impactEnd ? formatZoned(ms(h.impactEnd), h.timezone) : null)}`,
    `duration: ${yaml(h.duration)}`,
    `timezone: ${yaml(h.timezone)}`,
    '---',
    '',
    `# ${oneLine(h.title)}`,
    '',
    `- **Status:** ${f.status}`,
    `- **Owner of the review:** ${f.owner}`,
    `- **Impact:** ${f.start} – ${f.end}`,
    `- **Duration:** ${f.duration}`,
    `- **Timezone:** all times are given in ${f.timezone}`,
  ];
  const numbers = citationNumbers(view);
  for (const s of view.sections) {
    out.push('', `## ${s.title}`, '');
    if (s.kind === 'text') {
      out.push(
        s.body && s.body.trim()
          ? replaceCitations(s.body.trim(), numbers, (n) => `[^${n}]`)
          : `_${EMPTY_SECTION_TEXT}_`,
      );
    } else if (s.kind === 'actionItems') {
      if (view.actionItems.length === 0) out.push(`_${EMPTY_ACTIONS_TEXT}_`);
      view.actionItems.forEach((a, i) => {
        out.push(`${i + 1}. **${oneLine(a.what)}**`);
        if (a.doneWhen) out.push(`   - Done when: ${oneLine(a.doneWhen)}`);
        if (a.owner) out.push(`   - Owner: ${oneLine(a.owner)}`);
        const state = a.issueUrl && a.issueState ? ` (${issueStateLabels[a.issueState].toLowerCase()})` : '';
        out.push(`   - Issue: ${a.issueUrl ? `<${a.issueUrl}>${state}` : 'not linked yet'}`);
      });
    } else {
      if (view.timeline.length === 0) out.push(`_${EMPTY_TIMELINE_TEXT}_`);
      let day = '';
      for (const line of view.timeline) {
        if (line.day !== day) {
          if (day) out.push('');
          day = line.day;
          out.push(`### ${day}`, '');
        }
        out.push(`- **${line.time.slice(11)}** ${oneLine(line.text)}`);
      }
    }
  }
  // The cited record entries as footnotes: where each sentence came from.
  if (view.citations.length > 0) {
    out.push('');
    view.citations.forEach((c, i) => out.push(`[^${i + 1}]: ${c.time} (${h.timezone}) — ${oneLine(c.text)}`));
  }
  out.push('');
  return out.join('\n');
}
