import { useQuery } from '@tanstack/react-query';
import { Button, Card, InputNumber, Space, Statistic, Table, Typography } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import type { DecisionStatistics } from '../../../../libs/domain';
import { apiGet } from '../api/client';
import { saveCsv } from '../download';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { phaseText } from '../format';
import { lang, t } from '../i18n';
import { yearRows } from './year-rows';
import { PageTitle } from '../components/PageTitle';

// Only what the chart uses, so the bundle carries no more of ECharts.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** 统计: decisions by phase, the overdue in red beside the rest (GET /statistics). */
export function StatisticsPage() {
  const [year, setYear] = useState(() => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear());
  const stats = useQuery({ queryKey: ['statistics', year], queryFn: () => apiGet<DecisionStatistics>(`/statistics?year=${year}`) });
  const chartEl = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!chartEl.current || !stats.data) return;
    const chart = echarts.init(chartEl.current);
    const rows = stats.data.byPhase;
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('按期', 'on time'), t('逾期', 'overdue')] },
      grid: { left: 40, right: 20, bottom: 60 },
      xAxis: { type: 'category', data: rows.map((r) => phaseText(r.phase)), axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('按期', 'on time'), type: 'bar', stack: 'n', data: rows.map((r) => r.total - r.overdue), itemStyle: { color: '#5470c6' } },
        { name: t('逾期', 'overdue'), type: 'bar', stack: 'n', data: rows.map((r) => r.overdue), itemStyle: { color: '#b71c1c' } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [stats.data]);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{t('统计', 'Statistics')}</PageTitle>
      <ApiErrorAlert error={stats.error} />
      <Space size="large">
        <Statistic title={t('决策事项', 'Decisions')} value={stats.data?.total ?? 0} />
        <Statistic title={t('逾期', 'Overdue')} value={stats.data?.overdue ?? 0} styles={{ content: { color: '#b71c1c' } }} />
      </Space>
      <Card title={t('各阶段的决策事项', 'Decisions by phase')}>
        <div ref={chartEl} data-testid="phase-chart" style={{ width: '100%', height: 360 }} />
      </Card>
      <Card
        title={
          <Space>
            {t('年度情况', 'The year')}
            <InputNumber aria-label={t('年度', 'Year')} data-testid="year" min={2019} max={2199} value={year} onChange={(v) => v && setYear(v)} />
            {t('年', '')}
          </Space>
        }
        extra={
          <Button data-testid="export-csv" disabled={!stats.data} onClick={() => stats.data && saveCsv(`重大行政决策统计-${year}.csv`, ['项目', '数量'], yearRows(stats.data.year))}>
            {t('导出 CSV', 'Export CSV')}
          </Button>
        }
      >
        <Table
          data-testid="year-table"
          rowKey="item"
          size="small"
          pagination={false}
          dataSource={stats.data ? yearRows(stats.data.year, lang).map(([item, value]) => ({ item, value })) : []}
          columns={[
            { title: t('项目', 'Item'), dataIndex: 'item' },
            { title: t('数量', 'Count'), dataIndex: 'value' },
          ]}
        />
      </Card>
      <Table
        data-testid="phase-table"
        rowKey="phase"
        size="small"
        pagination={false}
        dataSource={stats.data?.byPhase}
        columns={[
          { title: t('阶段', 'Phase'), dataIndex: 'phase', render: (p: string) => phaseText(p) },
          { title: t('总数', 'Total'), dataIndex: 'total' },
          { title: t('逾期', 'Overdue'), dataIndex: 'overdue', render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
        ]}
      />
    </Space>
  );
}
