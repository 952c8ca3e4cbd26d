import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from '../../shared/format.js';
import { seriesColor } from '../../shared/palette.js';
import type { LineChartData } from './series-data.js';

const HEIGHT = 220;

/**
 * One calculation over time, one line per group. uPlot's legend shows every line's value under
 * the cursor; a click reports the bucket and the line nearest the pointer.
 */
export function LineChart({
  data,
  onPointClick,
}: {
  readonly data: LineChartData;
  readonly onPointClick: (timeSec: number, lineIndex: number) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const clickRef = useRef(onPointClick);
  clickRef.current = onPointClick;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 300),
      height: HEIGHT,
      legend: { live: true },
      cursor: { focus: { prox: 30 } },
      focus: { alpha: 0.4 },
      scales: { x: { time: true } },
      axes: [{}, { values: (_u, splits) => splits.map((v) => formatNumber(v)), size: 60 }],
      series: [
        {},
        ...data.lines.map((line, i) => ({
          label: line.label,
          stroke: seriesColor(i),
          width: 1.5,
          spanGaps: false,
          // Sparse data leaves lone points between gaps: draw them, or they vanish.
          points: { show: data.times.length <= 400, size: 5 },
          value: (_u: uPlot, v: number | null) => (v === null ? '–' : formatNumber(v)),
        })),
      ],
    };
    const plot = new uPlot(
      options,
      [data.times, ...data.lines.map((l) => l.values)] as uPlot.AlignedData,
      element,
    );
    const onClick = () => {
      const idx = plot.cursor.idx;
      if (idx === null || idx === undefined) return;
      const y = plot.posToVal(plot.cursor.top ?? 0, 'y');
      let best = -1;
      let bestDistance = Number.POSITIVE_INFINITY;
      data.lines.forEach((line, i) => {
        const v = line.values[idx];
        if (v === null || v === undefined || !plot.series[i + 1]?.show) return;
        const d = Math.abs(v - y);
        if (d < bestDistance) {
          bestDistance = d;
          best = i;
        }
      });
      if (best >= 0) clickRef.current(data.times[idx]!, best);
    };
    plot.over.addEventListener('click', onClick);
    const resize = new ResizeObserver(() => {
      plot.setSize({ width: Math.max(element.clientWidth, 300), height: HEIGHT });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.over.removeEventListener('click', onClick);
      plot.destroy();
    };
  }, [data]);

  return (
    <figure className="chart" data-testid={`chart-${data.calculation}`}>
      <figcaption>{data.calculation}</figcaption>
      <div ref={container} className="chart-canvas" />
    </figure>
  );
}
