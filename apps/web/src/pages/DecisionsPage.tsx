import { useQuery } from '@tanstack/react-query';
import { Card, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Phase, type DecisionListItemView, type DecisionListPage } from '../../../../libs/domain';
import { apiGet, enc } from '../api/client';
import { EmptyText } from '../components/EmptyText';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { ScrollRegion } from '../components/ScrollRegion';
import { day, phaseText } from '../format';
import { t } from '../i18n';
import { useOrganisationName } from '../names';
import { PhaseTag } from './DecisionPage';
import { PageTitle } from '../components/PageTitle';

/** 决策事项: the decisions, newest first, filtered by phase and overdue (GET /decisions). */
export function DecisionsPage() {
  const [phase, setPhase] = useState<string>();
  const [page, setPage] = useState(1);
  const navigate = useNavigate();
  const orgName = useOrganisationName();
  const query = new URLSearchParams({ pageSize: '20', page: String(page), ...(phase ? { phase } : {}) });
  const list = useQuery({ queryKey: ['decisions', phase, page], queryFn: () => apiGet<DecisionListPage>(`/decisions?${query}`) });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{t('决策事项', 'Decisions')}</PageTitle>
      <Card>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('按阶段筛选', 'Filter by phase')}
            aria-label={t('按阶段筛选', 'Filter by phase')}
            style={{ width: 280, maxWidth: '100%' }}
            value={phase}
            onChange={(v) => {
              setPhase(v);
              setPage(1);
            }}
            options={Object.values(Phase).map((p) => ({ value: p, label: phaseText(p) }))}
          />
          <Input.Search placeholder={t('输入决策编号直接打开', 'Open a decision by its number')} aria-label={t('决策编号', 'Decision no.')} enterButton={t('打开', 'Open')} onSearch={(v) => v.trim() && navigate(`/decisions/${enc(v.trim())}`)} style={{ width: 360, maxWidth: '100%' }} />
        </div>
        <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        <ScrollRegion label={t('决策事项列表（可横向滚动）', 'Decisions table (scrolls sideways)')} minWidth={720}>
          <Table<DecisionListItemView>
            rowKey="id"
            loading={list.isLoading}
            dataSource={list.data?.items}
            locale={{ emptyText: <EmptyText failed={list.isError}>{t('没有符合条件的决策事项', 'No decision matches')}</EmptyText> }}
            pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showTotal: (n) => t(`共 ${n} 项`, `${n} in all`) }}
            columns={[
              { title: t('决策编号', 'Decision no.'), dataIndex: 'id', render: (id: string) => <Link to={`/decisions/${enc(id)}`}>{id}</Link> },
              { title: t('决策事项', 'Matter'), dataIndex: 'title' },
              { title: t('承办单位', 'Undertaking unit'), dataIndex: 'undertakingDepartment', render: (id: string) => orgName(id) },
              { title: t('阶段', 'Phase'), dataIndex: 'phase', render: (_: string, r) => <PhaseTag phase={r.phase} hold={r.hold} overdue={r.overdue} /> },
              { title: t('登记日期', 'Registered'), dataIndex: 'registeredAt', render: (v: string) => day(v) },
              { title: t('最近变动', 'Last change'), dataIndex: 'updatedAt', render: (v: string) => day(v) },
            ]}
          />
        </ScrollRegion>
      </Card>
    </Space>
  );
}
