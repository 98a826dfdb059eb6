// One value per month as a small server-drawn SVG bar chart (the same approach as points-chart.tsx: no charting
// library, part of the first paint), with the numbers in a table for screen readers.
import { useId } from "react";
import { BlockStack } from "@shopify/polaris";
import { formatNumber } from "./admin-format";
import { CHART_PAD, CHART_WIDTH, chartScale, ValueGridLines, visuallyHidden } from "./chart-axis";
import { niceCeiling } from "./points-chart";

export type MonthPoint = { month: string; value: number };

const HEIGHT = 200;
const COLOR = "#2c6ecb";

export function MonthlyBarChart({ series, locale, labels }: { series: MonthPoint[]; locale: string; labels: { title: string; month: string; value: string } }) {
  const id = useId();
  const points = series.slice(-24);
  const top = niceCeiling(Math.max(0, ...points.map((point) => point.value)));
  const { slot, y } = chartScale(HEIGHT, top, points.length);
  const bar = Math.max(2, Math.min(28, slot - 4));
  const total = points.reduce((sum, point) => sum + point.value, 0);
  return (
    <BlockStack gap="200">
      <svg viewBox={`0 0 ${CHART_WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-title`} style={{ display: "block", maxHeight: 240 }} data-testid="monthly-chart">
        <title id={`${id}-title`}>{`${labels.title}: ${formatNumber(total, locale)}`}</title>
        <ValueGridLines top={top} y={y} locale={locale} />
        {points.map((point, index) => {
          const x = CHART_PAD.left + index * slot + slot / 2;
          return (
            <g key={point.month}>
              <rect x={x - bar / 2} y={y(point.value)} width={bar} height={y(0) - y(point.value)} fill={COLOR}>
                <title>{`${point.month}: ${formatNumber(point.value, locale)}`}</title>
              </rect>
              {index === 0 || index === points.length - 1 || points.length <= 12 ? (
                <text x={x} y={HEIGHT - 8} fontSize="11" fill="#616161" textAnchor="middle">
                  {point.month}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <table style={visuallyHidden}>
        <caption>{labels.title}</caption>
        <thead>
          <tr>
            <th scope="col">{labels.month}</th>
            <th scope="col">{labels.value}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr key={point.month}>
              <th scope="row">{point.month}</th>
              <td>{point.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </BlockStack>
  );
}
