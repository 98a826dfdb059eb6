// Members per segment over the last days, from the daily snapshots (SegmentSnapshot): one line per segment on a small
// server-drawn SVG (no charting library, part of the first paint, as points-chart.tsx), each line with its own dash
// pattern as well as its colour so the lines are told apart without colour, and the numbers in a table for screen
// readers. A day with no snapshot (the job did not run) breaks the line rather than drawing a guess across it.
import { useId } from "react";
import { BlockStack, InlineStack, Text } from "@shopify/polaris";
import { SEGMENTS, type Segment } from "../rules/analytics-segments";
import { formatDate, formatNumber } from "./admin-format";
import { CHART_PAD, CHART_WIDTH, chartScale, ValueGridLines, visuallyHidden } from "./chart-axis";
import { niceCeiling } from "./points-chart";

export type SegmentTrendPoint = { day: string } & Record<Segment, number>;

const HEIGHT = 200;
const STYLE: Record<Segment, { color: string; dash: string }> = {
  vip: { color: "#6d3bd6", dash: "" },
  new: { color: "#2c6ecb", dash: "6 3" },
  active: { color: "#1a7f37", dash: "2 3" },
  at_risk: { color: "#b25e00", dash: "8 3 2 3" },
  lapsed: { color: "#8a8a8a", dash: "1 2" },
};

const dayIndex = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);

/** Runs of consecutive days (a missing day ends a run), so each becomes one unbroken line. */
export function consecutiveRuns(points: SegmentTrendPoint[]): SegmentTrendPoint[][] {
  const runs: SegmentTrendPoint[][] = [];
  for (const point of points) {
    const run = runs.at(-1);
    if (run && dayIndex(point.day) === dayIndex(run.at(-1)!.day) + 1) run.push(point);
    else runs.push([point]);
  }
  return runs;
}

export function SegmentTrendChart({ series, locale, labels }: { series: SegmentTrendPoint[]; locale: string; labels: { title: string; day: string } & Record<Segment, string> }) {
  const id = useId();
  const first = dayIndex(series[0]!.day);
  const days = dayIndex(series.at(-1)!.day) - first + 1;
  const top = niceCeiling(Math.max(0, ...series.flatMap((point) => SEGMENTS.map((segment) => point[segment]))));
  const { slot, y } = chartScale(HEIGHT, top, days);
  const x = (day: string) => CHART_PAD.left + (dayIndex(day) - first) * slot + slot / 2;
  const runs = consecutiveRuns(series);
  const latest = series.at(-1)!;
  const dateLabel = (day: string) => formatDate(`${day}T00:00:00Z`, locale);
  const ticks = series.length === 1 ? [series[0]!] : [series[0]!, series.at(-1)!];

  return (
    <BlockStack gap="200">
      <InlineStack gap="300">
        {SEGMENTS.map((segment) => (
          <InlineStack key={segment} gap="100" blockAlign="center">
            <svg aria-hidden width="22" height="8">
              <line x1="0" x2="22" y1="4" y2="4" stroke={STYLE[segment].color} strokeWidth="2.5" strokeDasharray={STYLE[segment].dash} />
            </svg>
            <Text as="span" variant="bodySm">
              {labels[segment]}
            </Text>
          </InlineStack>
        ))}
      </InlineStack>
      <svg viewBox={`0 0 ${CHART_WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-title`} style={{ display: "block", maxHeight: 220 }} data-testid="segment-trend-chart">
        <title id={`${id}-title`}>
          {`${labels.title}, ${dateLabel(latest.day)}: ${SEGMENTS.map((segment) => `${labels[segment]} ${formatNumber(latest[segment], locale)}`).join(", ")}`}
        </title>
        <ValueGridLines top={top} y={y} locale={locale} />
        {SEGMENTS.map((segment) =>
          runs.map((run) =>
            run.length === 1 ? (
              <circle key={`${segment}-${run[0]!.day}`} cx={x(run[0]!.day)} cy={y(run[0]![segment])} r="2.5" fill={STYLE[segment].color} />
            ) : (
              <polyline
                key={`${segment}-${run[0]!.day}`}
                points={run.map((point) => `${x(point.day).toFixed(1)},${y(point[segment]).toFixed(1)}`).join(" ")}
                fill="none"
                stroke={STYLE[segment].color}
                strokeWidth="2"
                strokeDasharray={STYLE[segment].dash}
              />
            ),
          ),
        )}
        {ticks.map((point, index) => (
          <text key={point.day} x={x(point.day)} y={HEIGHT - 8} fontSize="11" fill="#616161" textAnchor={ticks.length > 1 ? (index === 0 ? "start" : "end") : "middle"}>
            {dateLabel(point.day)}
          </text>
        ))}
      </svg>
      <table style={visuallyHidden} data-testid="segment-trend-table">
        <caption>{labels.title}</caption>
        <thead>
          <tr>
            <th scope="col">{labels.day}</th>
            {SEGMENTS.map((segment) => (
              <th key={segment} scope="col">
                {labels[segment]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {series.map((point) => (
            <tr key={point.day}>
              <th scope="row">{dateLabel(point.day)}</th>
              {SEGMENTS.map((segment) => (
                <td key={segment}>{point[segment]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </BlockStack>
  );
}
