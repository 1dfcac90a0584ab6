// Checks that confirm checklist steps from vendor state (PagerDuty incident acknowledged, Slack channel exists,
// public reply on the ticket, incident resolved, ticket closed). Implemented in vendorChecks.ts; run by
// services/checks.ts (`checks.run` on demand, and a poll every minute while an incident is open).
import type { Incident } from '../../../shared/domain';
import type { CheckType } from '../../../shared/runbook';
import type { Vendor } from '../../../shared/outbox';
import type { IncidentLinks } from '../outbox/links';

export type CheckOutcome =
  | { status: 'confirmed'; evidence: string; url?: string } // the vendor shows the step is done
  | { status: 'not_yet'; detail: string }
  | { status: 'unknown'; detail: string }; // could not ask (offline, not connected, rate limited)

export interface Check {
  /** e.g. 'pagerduty.incidentAcknowledged'; a checklist step names the checks that confirm it. */
  id: string;
  vendor: Vendor;
  run(incident: Incident, links: IncidentLinks): Promise<CheckOutcome>;
}

export interface CheckRunnerOptions {
  /** Poll interval per incident while it is open; keep it polite (vendor rate limits are shared). */
  intervalMs: number;
  checks: readonly Check[];
}

/** The checks a build has, by the runbook CheckType they answer. */
export type CheckSet = Partial<Record<CheckType, Check>>;
