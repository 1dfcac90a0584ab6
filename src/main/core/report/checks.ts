// What moving a report to Reviewed warns about: gaps that 2i2c's published reports show most often,
// and blaming language. Warnings inform; they never block a status change.
import { sectionTitles, type ReportView, type ReportWarning, type SectionKey } from '../../../shared/report';
import { findBlame } from './blameless';

const blank = (s: string | null | undefined) => !s || s.trim().length === 0;

export function reviewWarnings(view: ReportView, roster: readonly string[]): ReportWarning[] {
  const out: ReportWarning[] = [];
  const texts: Array<{ section: SectionKey; text: string; itemId?: string }> = [];

  if (blank(view.header.owner)) out.push({ code: 'missing_owner', message: 'Nobody is named as owner of the review.' });
  if (view.header.impactEnd === null) {
    out.push({ code: 'missing_impact_end', message: 'The impact end time is missing, so the duration is unknown.' });
  }
  for (const s of view.sections) {
    if (s.kind === 'text') {
      if (!blank(s.body)) texts.push({ section: s.key, text: s.body ?? '' });
      else if (s.proposal) {
        out.push({
          code: 'unaccepted_proposal',
          section: s.key,
          message: `“${s.title}” still shows only Conn’s proposal: accept or edit it to put it in the report.`,
        });
      } else out.push({ code: 'empty_section', section: s.key, message: `“${s.title}” is empty.` });
    } else if (s.kind === 'actionItems' && view.actionItems.length === 0) {
      out.push({ code: 'empty_section', section: s.key, message: 'There are no action items.' });
    } else if (s.kind === 'timeline') {
      if (view.timelineTotal === 0) {
        out.push({
          code: 'empty_section',
          section: s.key,
          message: 'The timeline has no entries marked for the report.',
        });
      } else if (view.timelineTotal < 3) {
        out.push({
          code: 'thin_timeline',
          section: s.key,
          message:
            `The timeline has only ${view.timelineTotal} ` +
            `${view.timelineTotal === 1 ? 'entry' : 'entries'}: a reader may not be able to tell what happened when.`,
        });
      }
    }
  }
  for (const item of view.actionItems) {
    if (!item.issueUrl) {
      out.push({
        code: 'missing_issue_link',
        section: 'actionItems',
        itemId: item.id,
        message: `Action item “${item.what}” has no GitHub issue linked.`,
      });
    }
    texts.push({ section: 'actionItems', itemId: item.id, text: `${item.what}\n${item.doneWhen}` });
  }
  // The lines the view carries: all of them in an export or the fact check, the first page in report.get.
  for (const line of view.timeline) texts.push({ section: 'timeline', text: line.text });

  for (const t of texts) {
    for (const hit of findBlame(t.text, roster)) {
      out.push({
        code: 'blame',
        section: t.section,
        ...(t.itemId ? { itemId: t.itemId } : {}),
        excerpt: hit.sentence,
        suggestion: hit.suggestion,
        message:
          `${sectionTitles[t.section]}: this sentence points at ${hit.name}. Reports describe what the ` +
          `system allowed, not who slipped.`,
      });
    }
  }
  return out;
}
