// What the admin's server-drawn bar charts share: the plot's frame and its value axis (three grid lines, labelled).
import { formatNumber } from "./admin-format";

export const CHART_WIDTH = 720;
export const CHART_PAD = { top: 12, right: 8, bottom: 28, left: 56 };

/** The plot's scale: bar slot width, and the y of a value (0 at the bottom, `top` at the top). */
export function chartScale(height: number, top: number, bars: number) {
  const innerWidth = CHART_WIDTH - CHART_PAD.left - CHART_PAD.right;
  const innerHeight = height - CHART_PAD.top - CHART_PAD.bottom;
  return {
    slot: innerWidth / Math.max(bars, 1),
    y: (value: number) => CHART_PAD.top + innerHeight - (Math.max(0, value) / top) * innerHeight,
  };
}

export function ValueGridLines({ top, y, locale }: { top: number; y: (value: number) => number; locale: string }) {
  return (
    <>
      {[0, 0.5, 1].map((fraction) => (
        <g key={fraction}>
          <line x1={CHART_PAD.left} x2={CHART_WIDTH - CHART_PAD.right} y1={y(top * fraction)} y2={y(top * fraction)} stroke="#e3e3e3" />
          <text x={CHART_PAD.left - 6} y={y(top * fraction) + 4} textAnchor="end" fontSize="11" fill="#616161">
            {formatNumber(top * fraction, locale)}
          </text>
        </g>
      ))}
    </>
  );
}

/** Kept for screen readers, not drawn: a chart's table alternative and its caption. */
export const visuallyHidden = {
  position: "absolute",
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
  border: 0,
} as const;
