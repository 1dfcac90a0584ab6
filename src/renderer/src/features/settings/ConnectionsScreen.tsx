// The Connections screen: how tokens are protected (with the weaker-storage choice), then one form per vendor.
import { useEffect } from 'react';
import type { Vendor } from '../../../../shared/outbox';
import { useSettings } from './store';
import { VendorForm, type Field } from './VendorForm';
import './settings.css';

const forms: Array<{ vendor: Vendor; title: string; tokenLabel: string; tokenPlaceholder: string; fields: Field[] }> = [
  {
    vendor: 'pagerduty',
    title: 'PagerDuty',
    tokenLabel: 'REST API key',
    tokenPlaceholder: '20-character API key',
    fields: [
      { key: 'fromEmail', label: 'From email (a PagerDuty user)', placeholder: 'ic@example.com' },
      { key: 'defaultServiceId', label: 'Default service id', placeholder: 'PABC123' },
      {
        key: 'region',
        label: 'Region',
        options: [
          { value: 'us', label: 'US (api.pagerduty.com)' },
          { value: 'eu', label: 'EU (api.eu.pagerduty.com)' },
        ],
      },
    ],
  },
  {
    vendor: 'freshdesk',
    title: 'Freshdesk',
    tokenLabel: 'API key',
    tokenPlaceholder: 'From your Freshdesk profile settings',
    fields: [{ key: 'domain', label: 'Domain', placeholder: 'yourteam.freshdesk.com' }],
  },
  {
    vendor: 'slack',
    title: 'Slack',
    tokenLabel: 'Bot token',
    tokenPlaceholder: 'xoxb-…',
    fields: [
      { key: 'channelPattern', label: 'Channel name pattern', placeholder: 'inc-YYYYMMDD-<hub>' },
      {
        key: 'defaultInvitees',
        label: 'Invite by default (emails or member ids, comma-separated)',
        placeholder: 'lead@example.com, U0123ABCD',
        list: true,
      },
    ],
  },
  {
    vendor: 'github',
    title: 'GitHub',
    tokenLabel: 'Fine-grained personal access token',
    tokenPlaceholder: 'github_pat_…',
    fields: [
      {
        key: 'actionItemRepo',
        label: 'Repository for action-item issues (owner/name)',
        placeholder: '2i2c-org/infrastructure',
        initial: '2i2c-org/infrastructure',
      },
      {
        key: 'labels',
        label: 'Labels to add to those issues (comma-separated)',
        placeholder: 'incident-follow-up',
        list: true,
      },
      {
        key: 'reportsRepo',
        label: 'Repository for published reports (owner/name)',
        placeholder: '2i2c-org/incident-reports',
        initial: '2i2c-org/incident-reports',
      },
      { key: 'reportsFolder', label: 'Folder for reports', placeholder: 'reports/', initial: 'reports/' },
      {
        key: 'apiUrl',
        label: 'API address (GitHub Enterprise only; leave empty for github.com)',
        placeholder: 'https://github.example.com/api/v3',
      },
    ],
  },
];

export function ConnectionsScreen() {
  const s = useSettings();
  const { load } = s;
  useEffect(() => {
    void load();
  }, [load]);
  const storage = s.view?.storage;
  return (
    <section className="connections" aria-label="Connections">
      <h1>Connections</h1>
      {s.loadError ? (
        <p role="alert" className="error">
          Could not load the settings: {s.loadError.message}
        </p>
      ) : null}
      {storage?.warning ? (
        <div className="storage-warning" role="note">
          <p>
            <strong>Token storage:</strong> {storage.warning}
          </p>
          {storage.backend !== 'none' && !storage.strong ? (
            <label className="inline">
              <input
                type="checkbox"
                checked={storage.weakAccepted}
                onChange={(e) => void s.acceptWeakStorage(e.target.checked)}
              />
              Keep tokens on this computer anyway (weaker protection)
            </label>
          ) : null}
        </div>
      ) : storage ? (
        <p className="muted">Tokens are protected by your system keyring. They are never shown again once saved.</p>
      ) : null}
      {s.view ? (
        <div className="vendor-forms">
          {forms.map((f) => (
            <VendorForm
              key={f.vendor}
              {...f}
              settings={s.view?.vendors.find((v) => v.vendor === f.vendor)}
              saving={!!s.saving[f.vendor]}
              saved={!!s.saved[f.vendor]}
              error={s.saveError[f.vendor] ?? null}
              testing={!!s.testing[f.vendor]}
              tested={s.tested[f.vendor] ?? null}
              onSave={(config, token) => s.save(f.vendor, config, token)}
              onTest={() => void s.test(f.vendor)}
            />
          ))}
        </div>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
