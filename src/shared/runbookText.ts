// Fills a runbook message template's placeholders; shared so the window can preview what will be sent.

export interface TemplateContext {
  title: string;
  hub: string | null;
  ticketUrl: string | null;
  commander: string | null;
  runbook: string;
  /** The published report: its pull request while open, the file on the default branch once merged. */
  reportUrl?: string | null;
}

/**
 * Replaces {{title}}, {{hub}}, {{ticketUrl}}, {{commander}}, {{runbook}} and {{reportUrl}}; unknown names stay as
 * typed.
 */
export function fillTemplate(text: string, ctx: TemplateContext): string {
  return text.replace(
    /\{\{\s*(title|hub|ticketUrl|commander|runbook|reportUrl)\s*\}\}/g,
    (_m, key: keyof TemplateContext) => {
      const v = ctx[key] ?? null;
      return v === null || v === '' ? (key === 'commander' ? 'our incident commander' : 'not set') : v;
    },
  );
}

/** A Slack channel name: lowercase, digits and dashes, at most 80 characters. */
export function slackChannelName(prefix: string, title: string, declaredAt: string): string {
  const date = declaredAt.slice(0, 10).replace(/-/g, '');
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return [prefix, date, slug].filter(Boolean).join('-').slice(0, 80);
}
