// Operations on the hub registry, an incident's blast radius, hub health probes and impact from evidence.
import { z } from 'zod';
import type { Incident } from '../domain';
import type {
  HealthSettings,
  HealthView,
  ImpactProposal,
  ImportSummary,
  IncidentScope,
  RegistryHub,
  RegistryView,
} from '../hubs';
import { scopeKinds } from '../hubs';
import { httpsUrl, id, label, storableText } from '../text';
import { event, op } from './define';

const hubId = z
  .string()
  .regex(/^[0-9A-Za-z_.-]{1,100}\/[0-9A-Za-z_.-]{1,100}$/, { message: 'not a hub id (<cluster>/<hub>)' });
const optionalText = (max: number, name: string) => z.union([label(max, name), z.null()]).optional();

export const hubOps = {
  'registry.import': op<ImportSummary>()(
    'Import clusters and hubs from a deployment repository laid out as config/clusters/<cluster>/cluster.yaml: ' +
      'a local folder path, or the files pasted as { path, text }. All or nothing; an error names the file and line. ' +
      'Hubs of an imported cluster that are no longer listed are removed; contacts kept in Conn are never overwritten.',
    z.union([
      z.strictObject({ folder: storableText(4096, 'folder').refine((s) => s.trim().length > 0, 'folder is required') }),
      z.strictObject({
        files: z
          .array(z.strictObject({ path: label(1024, 'path'), text: storableText(2_000_000, 'text') }))
          .min(1, 'paste at least one cluster.yaml')
          .max(500),
      }),
    ]),
  ),
  'registry.list': op<RegistryView>()(
    'Every cluster and hub in the registry.',
    z.strictObject({}).optional().default({}),
  ),
  'registry.updateHub': op<RegistryHub>()(
    'Edit a hub: its community, Freshdesk company, requester e-mail, display name or domain (null clears).',
    z.strictObject({
      hubId,
      displayName: label(200, 'displayName').optional(),
      domain: label(253, 'domain').optional(),
      community: optionalText(200, 'community'),
      freshdeskCompany: optionalText(200, 'freshdeskCompany'),
      requesterEmail: z
        .union([z.email({ message: 'requesterEmail must be an e-mail address' }).max(254), z.null()])
        .optional(),
    }),
  ),
  'registry.removeHub': op<{ removed: boolean }>()('Remove a hub from the registry.', z.strictObject({ hubId })),
  'incidents.setScope': op<IncidentScope>()(
    "Pick an incident's blast radius: one hub (its id), a cluster (its name) or a provider/region " +
      "('gcp/us-central1'). Affected hubs are listed from the registry; hubs the commander added stay. Recorded on " +
      'the timeline.',
    z.strictObject({ incidentId: id, kind: z.enum(scopeKinds), value: label(200, 'value') }),
  ),
  'incidents.setHubIncluded': op<IncidentScope>()(
    'Add a hub to (included: true) or remove it from (false) the affected hubs. Recorded on the timeline.',
    z.strictObject({ incidentId: id, hubId, included: z.boolean() }),
  ),
  'incidents.scope': op<IncidentScope>()(
    "An incident's scope, affected hubs and communities.",
    z.strictObject({ incidentId: id }),
  ),
  'health.status': op<HealthView>()(
    "Each affected hub's probed health (up/down/unknown since when).",
    z.strictObject({ incidentId: id }),
  ),
  'health.probeNow': op<HealthView>()(
    'Probe the affected hubs now instead of waiting for the next round.',
    z.strictObject({ incidentId: id }),
  ),
  'health.settings': op<HealthSettings>()('Probe settings.', z.strictObject({}).optional().default({})),
  'health.saveSettings': op<HealthSettings>()(
    'Turn probing on or off, set the reference URL, or the exit window (minutes all hubs must pass) of a runbook.',
    z.strictObject({
      enabled: z.boolean().optional(),
      referenceUrl: httpsUrl('referenceUrl').optional(),
      exitWindow: z
        .strictObject({
          runbookId: id,
          // Fractions of a minute are for drills and tests (0.1 = 6 s).
          minutes: z
            .number()
            .min(0.1)
            .max(24 * 60),
        })
        .optional(),
    }),
  ),
  'impact.propose': op<ImpactProposal>()(
    'Impact start (first failing probe, or the ticket if earlier) and end (all affected hubs passing for the exit ' +
      'window) proposed from evidence, for the commander to accept.',
    z.strictObject({ incidentId: id }),
  ),
  'impact.accept': op<Incident>()(
    'Accept a proposed impact start or end (the time as proposed). Recorded on the timeline.',
    z.strictObject({
      incidentId: id,
      which: z.enum(['start', 'end']),
      at: z.iso.datetime({ offset: true, message: 'at must be an ISO-8601 date-time' }),
    }),
  ),
};

export const hubEvents = {
  'registry.changed': event<{ at: string }>(),
  'scope.changed': event<IncidentScope>(),
  'health.changed': event<HealthView>(),
};
