// Points issued and redeemed over time: a small SVG bar chart (no charting library, nothing to download, drawn on the
// server so it is part of the first paint). Long periods are grouped by week so bars stay readable. The numbers are
// also in a table for screen readers.
import { useId } from "react";
import { BlockStack, InlineStack, Text } from "@shopify/polaris";
import { formatDate, formatNumber } from "./admin-format";
import { CHART_PAD, CHART_WIDTH, chartScale, ValueGridLines, visuallyHidden } from "./chart-axis";

export type ChartPoint = { day: string; issued: number; redeemed: number };

const COLORS = { issued: "#2c6ecb", redeemed: "#e08a00" };
const HEIGHT = 220;

/** Days grouped into buckets of `size` (the last bucket may be shorter), labelled by their first day. */
export function bucketSeries(series: ChartPoint[], size: number): ChartPoint[] {
  const buckets: ChartPoint[] = [];
  for (let i = 0; i < series.length; i += size) {
    const slice = series.slice(i, i + size);
    buckets.push({
      day: slice[0]!.day,
      issued: slice.reduce((sum, point) => sum + point.issued, 0),
      redeemed: slice.reduce((sum, point) => sum + point.redeemed, 0),
    });
  }
  return buckets;
}

/** A round number at or above `max` for the top of the axis (1, 2, 5 × 10^n). */
export function niceCeiling(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

export function PointsChart({
  series,
  locale,
  labels,
}: {
  series: ChartPoint[];
  locale: string;
  labels: { title: string; issued: string; redeemed: string; weekOf: string; day: string };
}) {
  const id = useId();
  const weekly = series.length > 90;
  const points = weekly ? bucketSeries(series, 7) : series;
  const top = niceCeiling(Math.max(0, ...points.map((point) => Math.max(point.issued, point.redeemed))));
  const { slot, y } = chartScale(HEIGHT, top, points.length);
  const bar = Math.max(1, Math.min(14, (slot - 2) / 2));
  const tickDays = points.length <= 1 ? points : [points[0]!, points[Math.floor(points.length / 2)]!, points.at(-1)!];
  const dateLabel = (day: string) => formatDate(`${day}T00:00:00Z`, locale);
  const bucketLabel = (day: string) => (weekly ? `${labels.weekOf} ${dateLabel(day)}` : dateLabel(day));
  const totalIssued = points.reduce((sum, point) => sum + point.issued, 0);
  const totalRedeemed = points.reduce((sum, point) => sum + point.redeemed, 0);

  return (
    <BlockStack gap="200">
      <InlineStack gap="400">
        {(["issued", "redeemed"] as const).map((key) => (
          <InlineStack key={key} gap="100" blockAlign="center">
            <span aria-hidden style={{ display: "inline-block", width: 12, height: 12, borderRadius: 2, background: COLORS[key] }} />
            <Text as="span" variant="bodySm">
              {labels[key]}
            </Text>
          </InlineStack>
        ))}
      </InlineStack>
      <svg
        viewBox={`0 0 ${CHART_WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title`}
        style={{ display: "block", maxHeight: 260 }}
        data-testid="points-chart"
      >
        <title id={`${id}-title`}>
          {`${labels.title}: ${labels.issued} ${formatNumber(totalIssued, locale)}, ${labels.redeemed} ${formatNumber(totalRedeemed, locale)}`}
        </title>
        <ValueGridLines top={top} y={y} locale={locale} />
        {points.map((point, index) => {
          const x = CHART_PAD.left + index * slot + slot / 2;
          return (
            <g key={point.day}>
              <rect x={x - bar} y={y(point.issued)} width={bar} height={y(0) - y(point.issued)} fill={COLORS.issued}>
                <title>{`${bucketLabel(point.day)}: ${labels.issued} ${formatNumber(point.issued, locale)}`}</title>
              </rect>
              <rect x={x} y={y(point.redeemed)} width={bar} height={y(0) - y(point.redeemed)} fill={COLORS.redeemed}>
                <title>{`${bucketLabel(point.day)}: ${labels.redeemed} ${formatNumber(point.redeemed, locale)}`}</title>
              </rect>
            </g>
          );
        })}
        {tickDays.map((point, index) => {
          const position = points.indexOf(point);
          const x = CHART_PAD.left + position * slot + slot / 2;
          return (
            <text
              key={`${point.day}-${index}`}
              x={x}
              y={HEIGHT - 8}
              fontSize="11"
              fill="#616161"
              textAnchor={index === 0 && tickDays.length > 1 ? "start" : index === tickDays.length - 1 && tickDays.length > 1 ? "end" : "middle"}
            >
              {dateLabel(point.day)}
            </text>
          );
        })}
      </svg>
      <table style={visuallyHidden}>
        <caption>{labels.title}</caption>
        <thead>
          <tr>
            <th scope="col">{weekly ? labels.weekOf : labels.day}</th>
            <th scope="col">{labels.issued}</th>
            <th scope="col">{labels.redeemed}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr key={point.day}>
              <th scope="row">{dateLabel(point.day)}</th>
              <td>{point.issued}</td>
              <td>{point.redeemed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </BlockStack>
  );
}
