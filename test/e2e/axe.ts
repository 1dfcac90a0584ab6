// axe-core over the page as it is now: its serious and critical violations, one readable line each.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.impact} ${v.id}: ${v.help} — ${n.target.join(' ')} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`,
      ),
    );
}
