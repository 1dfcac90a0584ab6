// The declare dialog's optional scope: a cluster, a provider/region or one hub from the registry (hidden when the
// registry is empty). The value is '<kind>:<value>'.
import { useEffect } from 'react';
import type { ScopeKind } from '../../../../shared/hubs';
import { useHubs } from './store';

export const scopeInput = (picked: string): { scope?: { kind: ScopeKind; value: string } } => {
  const i = picked.indexOf(':');
  return i > 0 ? { scope: { kind: picked.slice(0, i) as ScopeKind, value: picked.slice(i + 1) } } : {};
};

export function ScopeSelect({ value, onChange }: { value: string; onChange(v: string): void }) {
  const registry = useHubs((s) => s.registry);
  const load = useHubs((s) => s.loadRegistry);
  useEffect(() => {
    void load();
  }, [load]);
  const hubs = registry?.hubs ?? [];
  if (hubs.length === 0) return null;
  const clusters = [...new Set(hubs.map((h) => h.cluster))];
  const regions = [...new Set(hubs.map((h) => `${h.provider}/${h.region ?? ''}`))];
  return (
    <label>
      Scope (blast radius) <span className="optional">optional</span>
      <select name="scope" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Pick later</option>
        <optgroup label="Cluster">
          {clusters.map((c) => (
            <option key={c} value={`cluster:${c}`}>
              {c} ({hubs.filter((h) => h.cluster === c).length} hubs)
            </option>
          ))}
        </optgroup>
        <optgroup label="Provider/region">
          {regions.map((r) => (
            <option key={r} value={`region:${r}`}>
              {r}
            </option>
          ))}
        </optgroup>
        <optgroup label="One hub">
          {hubs.map((h) => (
            <option key={h.id} value={`hub:${h.id}`}>
              {h.id}
              {h.community ? ` — ${h.community}` : ''}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}
