// The Registry screen: import clusters and hubs from a deployment repository (a folder, or pasted cluster.yaml),
// edit each hub's community and how to reach it, and turn hub health probing on or off.
import { useEffect, useState } from 'react';
import type { RegistryHub } from '../../../../shared/hubs';
import { useHubs } from './store';
import './hubs.css';

const blank = (s: string) => (s.trim() === '' ? null : s.trim());

function HubRow({ hub }: { hub: RegistryHub }) {
  const updateHub = useHubs((s) => s.updateHub);
  const removeHub = useHubs((s) => s.removeHub);
  const [community, setCommunity] = useState(hub.community ?? '');
  const [company, setCompany] = useState(hub.freshdeskCompany ?? '');
  const [email, setEmail] = useState(hub.requesterEmail ?? '');
  const dirty =
    community !== (hub.community ?? '') ||
    company !== (hub.freshdeskCompany ?? '') ||
    email !== (hub.requesterEmail ?? '');
  return (
    <tr aria-label={hub.id}>
      <td>{hub.cluster}</td>
      <td>
        <strong>{hub.name}</strong>
      </td>
      <td className="mono">{hub.domain}</td>
      <td>
        {hub.provider}
        {hub.region ? `/${hub.region}` : ''}
      </td>
      <td>
        <input
          aria-label={`Community of ${hub.id}`}
          value={community}
          placeholder="serves no community"
          onChange={(e) => setCommunity(e.target.value)}
        />
      </td>
      <td>
        <input
          aria-label={`Freshdesk company of ${hub.id}`}
          value={company}
          onChange={(e) => setCompany(e.target.value)}
        />
      </td>
      <td>
        <input
          aria-label={`Requester e-mail of ${hub.id}`}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </td>
      <td className="row-actions">
        <button
          type="button"
          disabled={!dirty}
          onClick={() =>
            void updateHub(hub.id, {
              community: blank(community),
              freshdeskCompany: blank(company),
              requesterEmail: blank(email),
            })
          }
        >
          Save
        </button>
        <button type="button" className="danger" aria-label={`Remove ${hub.id}`} onClick={() => void removeHub(hub.id)}>
          Remove
        </button>
      </td>
    </tr>
  );
}

export function RegistryScreen() {
  const { registry, settings, error, notice, loadRegistry, importFolder, importFiles, saveSettings } = useHubs();
  const [folder, setFolder] = useState('');
  const [path, setPath] = useState('config/clusters/<cluster>/cluster.yaml');
  const [text, setText] = useState('');
  useEffect(() => {
    void loadRegistry();
  }, [loadRegistry]);
  const hubs = registry?.hubs ?? [];
  return (
    <section className="registry" aria-label="Hub registry">
      <h1>Hub registry</h1>
      <p className="muted">
        Clusters and hubs from your deployment repository (<code>config/clusters/&lt;cluster&gt;/cluster.yaml</code>).
        Conn reads only the <code>cluster.yaml</code> files, never encrypted ones, and nothing over the network.
        Contacts are kept in Conn.
      </p>
      <div className="registry-import">
        <form
          className="panel-box"
          onSubmit={(e) => {
            e.preventDefault();
            void importFolder(folder);
          }}
        >
          <label>
            Repository folder on this computer
            <input value={folder} placeholder="/home/me/infrastructure" onChange={(e) => setFolder(e.target.value)} />
          </label>
          <button type="submit" disabled={folder.trim() === ''}>
            Import folder
          </button>
        </form>
        <form
          className="panel-box"
          onSubmit={(e) => {
            e.preventDefault();
            void importFiles([{ path, text }]).then((ok) => ok && setText(''));
          }}
        >
          <label>
            Path of the pasted file
            <input value={path} onChange={(e) => setPath(e.target.value)} />
          </label>
          <label>
            cluster.yaml
            <textarea
              rows={5}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="name: mycluster&#10;provider: gcp&#10;hubs:&#10;  - name: …"
            />
          </label>
          <button type="submit" disabled={text.trim() === ''}>
            Import pasted file
          </button>
        </form>
      </div>
      {error ? (
        <p className="registry-error" role="alert">
          {error.message}
        </p>
      ) : null}
      {notice ? (
        <p className="ok-text" role="status">
          {notice}
        </p>
      ) : null}
      <label className="inline probe-toggle">
        <input
          type="checkbox"
          checked={settings?.enabled ?? true}
          onChange={(e) => void saveSettings({ enabled: e.target.checked })}
        />
        Probe affected hubs (<code>GET https://&lt;domain&gt;/hub/health</code> every 30 s) while an incident is open
      </label>
      <p className="muted">
        {registry?.clusters.length ?? 0} clusters, {hubs.length} hubs
      </p>
      {hubs.length > 0 ? (
        <table className="registry-table">
          <thead>
            <tr>
              <th>Cluster</th>
              <th>Hub</th>
              <th>Domain</th>
              <th>Provider/region</th>
              <th>Community</th>
              <th>Freshdesk company</th>
              <th>Requester e-mail</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {hubs.map((h) => (
              <HubRow key={`${h.id}:${h.updatedAt}`} hub={h} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
