// Declares an incident on the simulators' Freshdesk ticket over HTTP and opens it in the page, as the GitHub specs
// begin.
import type { Page } from '@playwright/test';
import { SIM_TICKET_ID } from '../simulators';
import type { Served } from './serve';

/**
 * Declares an Ocean Data incident titled `title` with the simulators' ticket, opens it from the Incidents list, and
 * shows its `tab` when one is named (e.g. 'Report').
 */
export async function declareAndOpen(app: Served, page: Page, title: string, tab?: string): Promise<{ id: string }> {
  const inc = await app.call<{ id: string }>('incidents.declare', {
    title,
    hub: 'ocean-data',
    ticketUrl: `https://conn-sim.freshdesk.com/a/tickets/${SIM_TICKET_ID}`,
  });
  await page.goto(app.url);
  await page.getByRole('list', { name: 'Incidents' }).getByText(title).click();
  if (tab) await page.getByRole('tab', { name: tab }).click();
  return inc;
}
