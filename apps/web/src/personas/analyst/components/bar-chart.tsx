import { useId } from 'react';
import { useWidth } from './use-width';
import { niceMax } from './chart-scale';

export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  /** The value as shown: "12". */
  readonly text: string;
  /** Drawn in the warning colour and with its text ("ingen"), not by colour alone. */
  readonly flagged?: boolean;
}

interface BarChartProps {
  readonly title: string;
  readonly description: string;
  readonly bars: readonly Bar[];
  readonly formatTick: (value: number) => string;
}

const ROW = 30;
const RIGHT = 56;
const TOP = 8;
const BOTTOM = 28;

/**
 * Horizontal bars, one per row (a service), as an accessible SVG: `role="img"` with its title and
 * description; each bar carries its value as text, so a zero reads "0" and is never an empty space.
 */
export function BarChart({ title, description, bars, formatTick }: BarChartProps) {
  const id = `bars${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [ref, measured] = useWidth<SVGSVGElement>(720);
  const width = Math.max(measured, 280);
  // The names get up to 40 % of the width; a longer one is cut with "…" (the table has it whole).
  const left = Math.min(220, Math.round(width * 0.4));
  const maxChars = Math.max(8, Math.floor((left - 12) / 7.5));
  const height = TOP + bars.length * ROW + BOTTOM;
  const plot = width - left - RIGHT;
  const top = niceMax(Math.max(0, ...bars.map((b) => b.value)), true);
  const x = (value: number) => left + (value / top) * plot;
  const ticks = [0, 1, 2, 3, 4].map((i) => (top * i) / 4);
  const bottom = TOP + bars.length * ROW;
  return (
    <svg
      className="chart chart--bars"
      ref={ref}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      focusable="false"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {ticks.map((tick) => (
        <g key={tick}>
          <line
            className={tick === 0 ? 'chart__axis' : 'chart__grid'}
            x1={x(tick)}
            x2={x(tick)}
            y1={TOP}
            y2={bottom}
          />
          <text className="chart__tick" x={x(tick)} y={bottom + 18} textAnchor="middle">
            {formatTick(tick)}
          </text>
        </g>
      ))}
      {bars.map((bar, index) => {
        const y = TOP + index * ROW;
        return (
          <g key={bar.key}>
            <title>{`${bar.label}: ${bar.text}`}</title>
            <text
              className="chart__category"
              x={left - 8}
              y={y + ROW / 2}
              dy="0.32em"
              textAnchor="end"
            >
              {bar.label.length > maxChars ? `${bar.label.slice(0, maxChars - 1)}…` : bar.label}
            </text>
            <rect
              className={bar.flagged ? 'chart__bar chart__bar--flagged' : 'chart__bar'}
              x={left}
              y={y + 6}
              width={Math.max(0, x(bar.value) - left)}
              height={ROW - 12}
            />
            <text className="chart__value" x={x(bar.value) + 6} y={y + ROW / 2} dy="0.32em">
              {bar.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
