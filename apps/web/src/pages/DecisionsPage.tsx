import { useQuery } from '@tanstack/react-query';
import { Card, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Phase, type DecisionListItemView, type DecisionListPage } from '../../../../libs/domain';
import { apiGet, enc } from '../api/client';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { day, phaseText } from '../format';
import { useOrganisationName } from '../names';
import { PhaseTag } from './DecisionPage';

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
      <Typography.Title level={2}>决策事项</Typography.Title>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder="按阶段筛选"
            style={{ width: 280 }}
            value={phase}
            onChange={(v) => {
              setPhase(v);
              setPage(1);
            }}
            options={Object.values(Phase).map((p) => ({ value: p, label: phaseText(p) }))}
          />
          <Input.Search placeholder="输入决策编号直接打开" enterButton="打开" onSearch={(v) => v.trim() && navigate(`/decisions/${enc(v.trim())}`)} style={{ width: 360 }} />
        </Space>
        <ApiErrorAlert error={list.error} />
        <Table<DecisionListItemView>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items}
          locale={{ emptyText: '没有符合条件的决策事项' }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showTotal: (t) => `共 ${t} 项` }}
          columns={[
            { title: '决策编号', dataIndex: 'id', render: (id: string) => <Link to={`/decisions/${enc(id)}`}>{id}</Link> },
            { title: '决策事项', dataIndex: 'title' },
            { title: '承办单位', dataIndex: 'undertakingDepartment', render: (id: string) => orgName(id) },
            { title: '阶段', dataIndex: 'phase', render: (_: string, r) => <PhaseTag phase={r.phase} hold={r.hold} overdue={r.overdue} /> },
            { title: '登记日期', dataIndex: 'registeredAt', render: (v: string) => day(v) },
            { title: '最近变动', dataIndex: 'updatedAt', render: (v: string) => day(v) },
          ]}
        />
      </Card>
    </Space>
  );
}
