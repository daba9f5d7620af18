/** The performance of each linked year as bars coloured by band (ECharts, loaded with the charts); its numbers are in the table beside it. */
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { BAND_COLOUR } from '../plan/Charts.js';
import { percent, useLang } from '../ui/format.js';
import type { YearDocument } from './api.js';

echarts.use([BarChart, AriaComponent, GridComponent, TooltipComponent, SVGRenderer]);

export function YearsChart({ years }: { years: readonly YearDocument[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const ref = useRef<HTMLDivElement>(null);
  // The figure that holds: the OIV's where it validated another (the table says both).
  const shown = useMemo(() => years.map((y) => (y.validated === null ? { performance: y.performance, band: y.band } : y.validated)), [years]);
  const description = `${t('years.chart')}: ${years.map((y, i) => `${y.year} ${percent(shown[i]!.performance, lang)}`).join('; ')}`;
  useEffect(() => {
    if (ref.current === null) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      aria: { enabled: true, label: { description } },
      animation: false,
      grid: { left: 50, right: 20, top: 30, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          data: shown.map((y) => ({ value: y.performance, itemStyle: { color: BAND_COLOUR[y.band ?? 'none'] } })),
          label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => percent(shown[p.dataIndex]?.performance ?? null, lang) },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [description, years, shown, lang]);
  return (
    <figure className="chart-figure">
      <figcaption className="visually-hidden">{t('years.chart')}</figcaption>
      <div ref={ref} className="chart chart-small" role="img" aria-label={description} data-testid="years-chart" />
    </figure>
  );
}
