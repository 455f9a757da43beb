import { useId } from 'react';
import { largestValue, niceMax } from './chart-scale';
import { useWidth } from './use-width';

/** One period of a trend: a published value, a suppressed cell, or nothing to show. */
export interface ChartPoint {
  readonly key: string;
  /** Under the axis: "K1 2025", "mars 2025". */
  readonly axisLabel: string;
  /** The published value; ignored when the cell is suppressed. */
  readonly value: number | null;
  readonly suppressed: boolean;
  /** What the cell says, as the table says it: "12", "45,5 %", "<5", "–". */
  readonly text: string;
  /** Shown on hover (the table carries the same). */
  readonly hint: string;
}

export interface ChartBaseline {
  /** The baseline's value, or null when it is suppressed or not there. */
  readonly value: number | null;
  /** "Utgangspunkt: 12", "Utgangspunkt: <5" — said in the legend and the description. */
  readonly label: string;
  /** The baseline's period, marked on the axis when it is in the chart. */
  readonly key: string | null;
  readonly markerLabel: string;
}

interface TrendChartProps {
  readonly title: string;
  readonly description: string;
  readonly points: readonly ChartPoint[];
  readonly baseline?: ChartBaseline | null;
  /** A shared top of the scale, so small charts side by side compare. */
  readonly yMax?: number;
  /** Whole numbers on the scale (counts). */
  readonly integers?: boolean;
  readonly size?: 'large' | 'small';
  readonly formatTick: (value: number) => string;
  /** The text drawn where a suppressed cell is: "<5". */
  readonly suppressedText: string;
}

const SIZES = {
  large: { width: 720, height: 300, top: 28, right: 20, bottom: 44, left: 56 },
  small: { width: 360, height: 190, top: 18, right: 12, bottom: 36, left: 44 },
} as const;

/** Half a period label's width, about: a label nearer the edge than this is aligned to it. */
const HALF_LABEL = 34;

function axisLabelAt(cx: number, width: number) {
  if (cx - HALF_LABEL < 0) return { x: 2, textAnchor: 'start' } as const;
  if (cx + HALF_LABEL > width) return { x: width - 2, textAnchor: 'end' } as const;
  return { x: cx, textAnchor: 'middle' } as const;
}

/**
 * A trend over periods as an accessible SVG line chart: `role="img"` with its title and a
 * description that says what it shows, a dashed line for the baseline, and a suppressed cell drawn
 * as its text ("<5") over a hatched mark — never as a point or a number. The data table beside it
 * carries every value for those who do not read the chart.
 */
export function TrendChart({
  title,
  description,
  points,
  baseline,
  yMax,
  integers = false,
  size = 'large',
  formatTick,
  suppressedText,
}: TrendChartProps) {
  const id = `chart${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const s = SIZES[size];
  const [ref, measured] = useWidth<SVGSVGElement>(s.width);
  const width = Math.max(measured, 240);
  const plotWidth = width - s.left - s.right;
  const plotHeight = s.height - s.top - s.bottom;
  const top = niceMax(yMax ?? largestValue(points, baseline?.value), integers);
  const ticks = [0, 1, 2, 3, 4].map((i) => (top * i) / 4);
  const step = points.length > 0 ? plotWidth / points.length : plotWidth;
  const x = (index: number) => s.left + step * (index + 0.5);
  const y = (value: number) => s.top + plotHeight - (value / top) * plotHeight;
  const bottom = s.top + plotHeight;
  // As many period labels as fit (about 72 px each), values over the points when there is room.
  const labelEvery = Math.max(
    1,
    Math.ceil(points.length / Math.max(2, Math.floor(plotWidth / 72))),
  );
  const showValues = step >= 40;
  const roomForText = step >= 20;

  // The line runs through consecutive published values and breaks at a suppressed or empty cell.
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((point, index) => {
    const value = point.suppressed ? null : point.value;
    if (value === null) {
      if (current.length > 1) segments.push(current.join(' '));
      current = [];
      return;
    }
    current.push(
      `${current.length === 0 ? 'M' : 'L'}${x(index).toFixed(1)},${y(value).toFixed(1)}`,
    );
  });
  if (current.length > 1) segments.push(current.join(' '));

  const baselineIndex = baseline?.key ? points.findIndex((p) => p.key === baseline.key) : -1;

  return (
    <svg
      className={`chart chart--${size}`}
      ref={ref}
      viewBox={`0 0 ${width} ${s.height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      focusable="false"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <defs>
        <pattern
          id={`${id}-hatch`}
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <line className="chart__hatch" x1="0" y1="0" x2="0" y2="6" />
        </pattern>
      </defs>

      {ticks.map((tick) => (
        <g key={tick}>
          <line
            className={tick === 0 ? 'chart__axis' : 'chart__grid'}
            x1={s.left}
            x2={width - s.right}
            y1={y(tick)}
            y2={y(tick)}
          />
          <text className="chart__tick" x={s.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
            {formatTick(tick)}
          </text>
        </g>
      ))}

      {baselineIndex >= 0 && (
        <g className="chart__baseline-period">
          <line
            className="chart__baseline-marker"
            x1={x(baselineIndex)}
            x2={x(baselineIndex)}
            y1={s.top - 4}
            y2={bottom}
          />
          {size === 'large' && (
            <text
              className="chart__baseline-label"
              x={x(baselineIndex)}
              y={s.top - 10}
              textAnchor={baselineIndex < points.length / 2 ? 'start' : 'end'}
            >
              {baseline?.markerLabel}
            </text>
          )}
        </g>
      )}

      {baseline && baseline.value !== null && (
        <line
          className="chart__baseline"
          x1={s.left}
          x2={width - s.right}
          y1={y(baseline.value)}
          y2={y(baseline.value)}
        />
      )}

      {segments.map((d) => (
        <path key={d} className="chart__line" d={d} />
      ))}

      {points.map((point, index) => {
        const value = point.suppressed ? null : point.value;
        const cx = x(index);
        return (
          <g key={point.key} className="chart__period">
            <title>{point.hint}</title>
            {point.suppressed ? (
              <>
                <rect
                  className="chart__suppressed-mark"
                  x={cx - Math.min(step * 0.35, 12)}
                  width={Math.min(step * 0.7, 24)}
                  y={bottom - 14}
                  height={14}
                  fill={`url(#${id}-hatch)`}
                />
                {roomForText && (
                  <text className="chart__suppressed" x={cx} y={bottom - 20} textAnchor="middle">
                    {suppressedText}
                  </text>
                )}
              </>
            ) : (
              value !== null && (
                <>
                  <circle
                    className="chart__point"
                    cx={cx}
                    cy={y(value)}
                    r={size === 'large' ? 4.5 : 3.5}
                  />
                  {showValues && (
                    <text className="chart__value" x={cx} y={y(value) - 10} textAnchor="middle">
                      {point.text}
                    </text>
                  )}
                </>
              )
            )}
            {(points.length - 1 - index) % labelEvery === 0 && (
              <text className="chart__tick" y={bottom + 18} {...axisLabelAt(cx, width)}>
                {point.axisLabel}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
