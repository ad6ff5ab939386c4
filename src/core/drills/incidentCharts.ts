import type { Evidence } from '../catalog/catalogSchema';

export type MetricEvidence = Extract<Evidence, { kind: 'metric' }>;

/**
 * Line colours of the drill's charts. Mermaid's xychart draws no legend, so the panel draws one in
 * HTML with these same colours; they are mid-tones that read on light, dark and high-contrast themes.
 */
export const CHART_PALETTE = ['#3794ff', '#f28c28', '#2fb67c', '#e5484d', '#a371f7', '#d4a72c', '#1fb5c4', '#e26fb0'] as const;

export interface ChartGroup {
  unit: string;
  series: MetricEvidence['series'];
}

/** Series that share a unit share a chart (and its y axis); a series in another unit gets its own. */
export function metricChartGroups(item: MetricEvidence): ChartGroup[] {
  const groups = new Map<string, ChartGroup>();
  for (const series of item.series) {
    const unit = series.unit ?? item.unit;
    let group = groups.get(unit);
    if (!group) groups.set(unit, (group = { unit, series: [] }));
    group.series.push(series);
  }
  return [...groups.values()];
}

const quote = (text: string) => `"${text.replace(/["\\]/g, "'")}"`;

/**
 * Mermaid source of one chart: a line per series, coloured from CHART_PALETTE in series order (the
 * colours go in through the chart's own init block, which strict security still allows for theme variables).
 */
export function xychartSource(x: readonly string[], group: ChartGroup, title?: string): string {
  const palette = group.series.map((_, index) => CHART_PALETTE[index % CHART_PALETTE.length]).join(',');
  return [
    // Transparent so the chart sits on the panel's own background in every theme; 280 px keeps two charts on screen.
    `%%{init: {"xyChart": {"height": 280}, "themeVariables": {"xyChart": {"plotColorPalette": "${palette}", "backgroundColor": "transparent"}}}}%%`,
    'xychart-beta',
    ...(title ? [`  title ${quote(title)}`] : []),
    `  x-axis [${x.map(quote).join(', ')}]`,
    `  y-axis ${quote(group.unit)}`,
    ...group.series.map((series) => `  line [${series.values.join(', ')}]`),
  ].join('\n');
}
