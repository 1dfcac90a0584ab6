// Builds the handoff brief (Markdown) from HandoffFacts: what the next commander needs in one read.
import type { HandoffFacts } from './facts';

function time(iso: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
  return `${text} ${timeZone}`;
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

/** The sentence that names both commanders; buildBrief writes it and parseBrief reads it back. */
const HANDING = ' is handing command to ';
const NOT_CHOSEN = '(new commander not chosen yet)';
/** The lines that carry the blast radius, so a take-over on another machine keeps it. */
const HUB = 'Hub: ';
const AFFECTED = 'Affected hubs: ';
/** A list line as written ("- ") or as a vendor may render it ("• ", "* "). */
const BULLET = /^\s*[-•*]\s*/;

export interface ParsedBrief {
  /** The commander who handed off, as named in the brief. */
  from: string;
  /** The commander it was handed to; null when none was chosen. */
  to: string | null;
  /** The incident's hub, if the brief names one. */
  hub: string | null;
  /** The affected hubs' ids, as listed in the brief (empty when none were recorded). */
  affectedHubs: string[];
}

/** Reads back who handed command to whom from a brief as buildBrief wrote it (and the vendors returned it). */
export function parseBrief(text: string): ParsedBrief | null {
  const line = text.split('\n').find((l) => l.includes(HANDING));
  if (!line) return null;
  const at = line.indexOf(HANDING);
  const from = line.slice(0, at).trim();
  if (!from) return null;
  const rest = line.slice(at + HANDING.length);
  const to = rest.startsWith(NOT_CHOSEN) ? null : (rest.split('. Status:')[0]?.trim() ?? null);
  const after = (prefix: string) =>
    text
      .split('\n')
      .map((l) => l.replace(BULLET, ''))
      .find((l) => l.startsWith(prefix))
      ?.slice(prefix.length)
      .trim() ?? '';
  const affectedHubs = after(AFFECTED)
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h && !h.startsWith('_'));
  return { from, to: to || null, hub: after(HUB) || null, affectedHubs };
}

export function buildBrief(f: HandoffFacts): string {
  const tz = f.timeZone;
  const out: string[] = [];
  const where = f.incident.hub ? ` (${f.incident.hub})` : '';
  out.push(`# Handoff: ${oneLine(f.incident.title)}${where}`);
  out.push('');
  out.push(
    `${f.from.name}${HANDING}${f.to ? f.to.name : NOT_CHOSEN}. ` +
      `Status: ${f.incident.status.replace(/_/g, ' ')}, declared ${time(f.incident.declaredAt, tz)}.`,
  );

  if (f.incident.hub || f.incident.affectedHubs.length > 0) {
    out.push('', '## Blast radius');
    if (f.incident.hub) out.push(`- ${HUB}${oneLine(f.incident.hub)}`);
    out.push(`- ${AFFECTED}${f.incident.affectedHubs.length ? f.incident.affectedHubs.join(', ') : '_none recorded_'}`);
  }

  out.push('', '## Current state');
  out.push(f.currentState ? f.currentState.trim() : '_No status recorded yet._');
  out.push('', '**Working hypothesis:** ' + (f.hypothesis ? oneLine(f.hypothesis) : '_none yet_'));

  out.push('', '## What has been tried');
  if (f.tried.length === 0) out.push('_Nothing recorded yet._');
  for (const t of f.tried) {
    out.push(`- ${time(t.at, tz)}: ${oneLine(t.text)}${t.result ? ` → ${oneLine(t.result)}` : ''}`);
  }

  out.push('', '## Open steps');
  if (f.openSteps.length === 0) out.push('_No open steps._');
  for (const s of f.openSteps) out.push(`- [ ] ${oneLine(s.title)} (${s.owner ? s.owner : 'nobody on it yet'})`);

  out.push('', '## People');
  out.push(
    f.smes.length === 0
      ? '- Subject Matter Experts: _none involved yet_'
      : `- Subject Matter Experts: ${f.smes.map((s) => (s.area ? `${s.name} (${s.area})` : s.name)).join(', ')}`,
  );
  if (f.liaison) {
    out.push(
      `- Community liaison: ${
        f.liaison.movesToNewCommander && f.to ? `moves to ${f.to.name}` : `stays with ${f.liaison.name}`
      }`,
    );
  }

  out.push('', '## Next status update');
  out.push(
    f.nextUpdateDueAt ? `Due by ${time(f.nextUpdateDueAt, tz)}.` : 'No update is owed (the incident is not open).',
  );

  out.push('', '## Links');
  const links: Array<[string, string | null]> = [
    ['PagerDuty incident', f.links.pagerduty],
    ['Slack channel', f.links.slackChannel],
    ['Ticket', f.links.ticket],
  ];
  for (const [label, url] of links) out.push(`- ${label}: ${url ?? '_not linked_'}`);
  return out.join('\n') + '\n';
}
