/**
 * Radar chart geometry only (no DOM): React draws it as SVG on the dashboard, and the same numbers can draw the
 * PDF report. Axes start at 12 o'clock and go clockwise; values are 0..100 (clamped), 100 on the outer ring.
 *
 * Layout: the chart is `size` tall; `labelWidth` (default 0.3 × size) is added on the left and right for the axis
 * labels, so the viewBox is (size + 2 × labelWidth) × size with the centre at (size / 2, size / 2).
 * With fewer than 3 axes the polygons degenerate (a point or a line); callers draw bars instead.
 */

export type RadarAxis = { label: string; value: number; previous?: number | undefined };
export type RadarOptions = {
  size: number;
  /** Rings at 100/rings, 2 × 100/rings … 100. Default 4 (25, 50, 75, 100). */
  rings?: number | undefined;
  /** Room for labels left and right of the chart. Default 0.3 × size. */
  labelWidth?: number | undefined;
  /** Font size the labels are placed for. Default 11. */
  fontSize?: number | undefined;
};
export type RadarPoint = { x: number; y: number };
export type RadarLabel = { x: number; y: number; anchor: 'start' | 'middle' | 'end'; text: string };
export type RadarGeometry = {
  viewBox: string;
  center: RadarPoint;
  radius: number;
  /** Polygon points per ring, innermost first; the last one is 100. */
  rings: string[];
  ringValues: number[];
  spokes: { x1: number; y1: number; x2: number; y2: number }[];
  /** Polygon points of the values, and each vertex. */
  area: string;
  points: RadarPoint[];
  /** Present when every axis has a previous value. */
  previousArea?: string;
  labels: RadarLabel[];
};

const round = (n: number) => {
  const r = Math.round(n * 100) / 100;
  return r === 0 ? 0 : r; // no "-0" in the markup
};
const clampValue = (v: number | undefined) =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(100, Math.max(0, v)) : 0;
const polygon = (points: readonly RadarPoint[]) => points.map((p) => `${p.x},${p.y}`).join(' ');

export function radarChart(axes: readonly RadarAxis[], opts: RadarOptions): RadarGeometry {
  const size = opts.size;
  const fontSize = opts.fontSize ?? 11;
  const labelWidth = opts.labelWidth ?? size * 0.3;
  const ringCount = Math.max(1, Math.round(opts.rings ?? 4));
  const center = { x: size / 2, y: size / 2 };
  // Room above and below for one line of label text.
  const radius = Math.max(0, size / 2 - fontSize * 2);
  const gap = fontSize * 0.6;
  const n = axes.length;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, n);
  const at = (i: number, value: number): RadarPoint => ({
    x: round(center.x + ((radius * value) / 100) * Math.cos(angle(i))),
    y: round(center.y + ((radius * value) / 100) * Math.sin(angle(i))),
  });

  const ringValues = Array.from({ length: ringCount }, (_, k) => round(((k + 1) * 100) / ringCount));
  const rings = n === 0 ? [] : ringValues.map((v) => polygon(axes.map((_, i) => at(i, v))));
  const spokes = axes.map((_, i) => {
    const end = at(i, 100);
    return { x1: round(center.x), y1: round(center.y), x2: end.x, y2: end.y };
  });
  const points = axes.map((a, i) => at(i, clampValue(a.value)));
  const labels = axes.map((a, i): RadarLabel => {
    const cos = Math.cos(angle(i));
    const sin = Math.sin(angle(i));
    const x = center.x + (radius + gap) * cos;
    const y = center.y + (radius + gap) * sin;
    const anchor = Math.abs(cos) < 0.15 ? 'middle' : cos > 0 ? 'start' : 'end';
    // Baseline: above the point at the top, centred at the sides, hanging below at the bottom.
    return { x: round(x), y: round(y + fontSize * (0.35 + 0.45 * sin)), anchor, text: a.label };
  });
  const geometry: RadarGeometry = {
    viewBox: `${round(-labelWidth)} 0 ${round(size + 2 * labelWidth)} ${round(size)}`,
    center: { x: round(center.x), y: round(center.y) },
    radius: round(radius),
    rings,
    ringValues,
    spokes,
    area: polygon(points),
    points,
    labels,
  };
  if (n > 0 && axes.every((a) => typeof a.previous === 'number' && Number.isFinite(a.previous))) {
    geometry.previousArea = polygon(axes.map((a, i) => at(i, clampValue(a.previous))));
  }
  return geometry;
}
