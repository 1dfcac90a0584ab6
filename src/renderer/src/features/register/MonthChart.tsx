// Incidents per month as plain SVG bars (P1s darker within each bar), with median duration under each month.
// Colours come from the theme's CSS variables, so it reads in the dark theme.
import type { RegisterMonth } from '../../../../shared/register';
import { shortDuration } from './format';

const BAR_W = 36;
const GAP = 18;
const H = 120;

export function MonthChart({ months }: { months: RegisterMonth[] }) {
  if (months.length === 0) return null;
  const max = Math.max(...months.map((m) => m.count), 1);
  const width = months.length * (BAR_W + GAP) + GAP;
  return (
    <figure className="month-chart">
      <svg width={width} height={H + 52} role="img" aria-label="Incidents per month">
        <title>Incidents per month; the darker part counts P1 incidents</title>
        {months.map((m, i) => {
          const x = GAP + i * (BAR_W + GAP);
          const h = (m.count / max) * H;
          const p1 = (m.p1 / max) * H;
          return (
            <g key={m.month} aria-label={`${m.month}: ${m.count} incidents, ${m.p1} P1`}>
              <rect className="bar" x={x} y={H - h + 14} width={BAR_W} height={h} rx={3} />
              {m.p1 ? <rect className="bar-p1" x={x} y={H - p1 + 14} width={BAR_W} height={p1} rx={3} /> : null}
              <text className="count" x={x + BAR_W / 2} y={H - h + 10} textAnchor="middle">
                {m.count}
                {m.p1 ? ` (${m.p1} P1)` : ''}
              </text>
              <text className="axis" x={x + BAR_W / 2} y={H + 30} textAnchor="middle">
                {m.month}
              </text>
              <text className="axis small" x={x + BAR_W / 2} y={H + 46} textAnchor="middle">
                {m.medianDurationMs === null ? '—' : shortDuration(m.medianDurationMs)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">
        Incidents per month (darker: P1). Under each month: the median duration.
      </figcaption>
    </figure>
  );
}
