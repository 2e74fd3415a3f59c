/** Labels of an {@link svgLinePlot}. */
export type PlotLabels = {
  /** The title, drawn on top. */
  readonly title: string
  /** The x axis label. */
  readonly xLabel: string
  /** The y axis label. */
  readonly yLabel: string
}

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * Draws a line chart as a self-contained SVG document (display only: coordinates are floats).
 *
 * @param points - `[x, y]` points in drawing order.
 * @param labels - Title and axis labels.
 * @returns The SVG text, ready to write to a `.svg` file.
 * @example
 * ```ts
 * import { svgLinePlot } from '@dtao/client'
 *
 * svgLinePlot([[0, 1], [1, 2]], { title: 'price', xLabel: 'TAO in', yLabel: 'τ per α' }).startsWith('<svg ') // true
 * ```
 */
export function svgLinePlot(
  points: readonly (readonly [number, number])[],
  labels: PlotLabels,
): string {
  const w = 640
  const h = 400
  const pad = 56
  const xs = points.map((p) => p[0])
  const ys = points.map((p) => p[1])
  const [x0, x1, y0, y1] =
    points.length === 0
      ? [0, 1, 0, 1]
      : [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
  const sx = (x: number) => pad + ((x - x0) / (x1 - x0 || 1)) * (w - 2 * pad)
  const sy = (y: number) => h - pad - ((y - y0) / (y1 - y0 || 1)) * (h - 2 * pad)
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`)
    .join(' ')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${w / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(labels.title)}</text>
<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="black"/>
<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="black"/>
<text x="${w / 2}" y="${h - 16}" text-anchor="middle">${escapeXml(labels.xLabel)}</text>
<text x="16" y="${h / 2}" text-anchor="middle" transform="rotate(-90 16 ${h / 2})">${escapeXml(labels.yLabel)}</text>
<text x="${pad}" y="${h - pad + 16}" text-anchor="middle">${x0.toPrecision(4)}</text>
<text x="${w - pad}" y="${h - pad + 16}" text-anchor="middle">${x1.toPrecision(4)}</text>
<text x="${pad - 4}" y="${h - pad}" text-anchor="end">${y0.toPrecision(6)}</text>
<text x="${pad - 4}" y="${pad + 4}" text-anchor="end">${y1.toPrecision(6)}</text>
<path d="${path}" fill="none" stroke="#1f77b4" stroke-width="2"/>
</svg>
`
}
