import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartDataset } from 'chart.js';
import { CONSOLE_LOCALES } from '../../../../core/console/format.js';
import { useFormat } from '../format.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** The console's chart colours: the brand blue, green, amber and a slate, distinct in grey too. */
export const SERIES_COLOURS = ['#0f5bd8', '#0d6b37', '#b86e00', '#5b6b80'] as const;

export interface Series {
  readonly label: string;
  readonly values: readonly number[];
  /** A second axis on the right, for a series in another unit (money beside counts). */
  readonly right?: boolean;
  readonly line?: boolean;
  readonly percent?: boolean;
}

/**
 * A bar (or bar and line) chart drawn by Chart.js on a canvas: nothing inline for the CSP, no
 * animation, numbers in the UI language. The canvas is an image named by `title`; the table beside
 * it carries the same figures for screen readers.
 */
export function BarChart({ title, labels, series }: { title: string; labels: readonly string[]; series: readonly Series[] }) {
  const f = useFormat();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const locale = CONSOLE_LOCALES[f.lang];
    const datasets = series.map(
      (s, i) =>
        ({
          type: s.line ? 'line' : 'bar',
          label: s.label,
          data: [...s.values],
          backgroundColor: SERIES_COLOURS[i % SERIES_COLOURS.length],
          borderColor: SERIES_COLOURS[i % SERIES_COLOURS.length],
          yAxisID: s.right ? 'right' : 'left',
        }) as ChartDataset<'bar' | 'line', number[]>,
    );
    const percent = (axis: 'left' | 'right') => series.some((s) => (axis === 'right') === Boolean(s.right) && s.percent);
    const tick = (axis: 'left' | 'right') => (value: string | number) => (percent(axis) ? f.percent(Math.round(Number(value) * 100)) : f.number(Number(value)));
    const chart = new Chart(canvas.current as HTMLCanvasElement, {
      type: 'bar',
      data: { labels: [...labels], datasets },
      options: {
        locale,
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom' } },
        scales: {
          left: { position: 'left', beginAtZero: true, ticks: { callback: tick('left') } },
          right: { position: 'right', beginAtZero: true, display: series.some((s) => s.right), grid: { drawOnChartArea: false }, ticks: { callback: tick('right') } },
        },
      },
    });
    return () => chart.destroy();
  }, [f, labels, series]);
  return (
    <div className="chart" data-points={labels.length * series.length}>
      <canvas ref={canvas} role="img" aria-label={title} />
    </div>
  );
}
