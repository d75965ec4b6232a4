import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { MyTasksPage as Page, MyTaskView } from '../../../../libs/domain';
import { apiGet, enc } from '../api/client';
import { ApiErrorAlert, splitArticle } from '../components/ApiErrorAlert';
import { actionZh, day, phaseZh, roleZh } from '../format';
import { useMe } from '../identity';

/** Where a task's form is: the signing page, on this decision and step, in the office the task names. */
export const stepLink = (t: Pick<MyTaskView, 'decisionId' | 'action' | 'actor'>) =>
  `/sign?decision=${enc(t.decisionId)}&action=${enc(t.action)}&role=${enc(t.actor.role)}&org=${enc(t.actor.organisation)}`;

/** 剩余: days left in the deadline's unit, or how long ago it was missed, in red. */
function Remaining({ task }: { task: MyTaskView }) {
  const d = task.deadline;
  if (!d) return <Typography.Text type="secondary">无法定时限</Typography.Text>;
  if (d.daysLeft === null) return <Tag>{d.status === 'paused' ? '期限暂停计算' : '—'}</Tag>;
  const unit = d.unit === 'working' ? '个工作日' : '日';
  if (d.type === 'minimum') return d.daysLeft >= 0 ? <Tag color="blue">{`${d.daysLeft} ${unit}后期满方可办理`}</Tag> : <Tag color="green">期满，可以办理</Tag>;
  if (task.overdue || d.daysLeft < 0) return <Tag color="red" data-testid="overdue">{`已逾期 ${Math.max(1, -d.daysLeft)} ${unit}`}</Tag>;
  return <Tag color={d.daysLeft <= 3 ? 'orange' : 'green'}>{d.daysLeft === 0 ? '今日到期' : `还剩 ${d.daysLeft} ${unit}`}</Tag>;
}

/** 我的待办: every step the person may take now, soonest time limit first, each one click from its form. */
export function MyTasksPage() {
  const { me, loading } = useMe();
  const [page, setPage] = useState(1);
  const tasks = useQuery({ queryKey: ['my-tasks', me?.personId, page], queryFn: () => apiGet<Page>(`/tasks?personId=${enc(me!.personId)}&page=${page}`), enabled: !!me });
  if (loading) return null;
  if (!me) {
    return (
      <Alert
        type="info"
        showIcon
        title="请先登记身份"
        description={
          <>
            我的待办按本浏览器中登记签名密钥的工号列出。请到 <Link to="/sign">签署</Link> 页生成签名密钥。
          </>
        }
      />
    );
  }
  const data = tasks.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>我的待办</Typography.Title>
      <Card size="small" data-testid="my-offices">
        <Space wrap>
          <span>
            {me.name}（{me.personId}）的任职：
          </span>
          {data?.offices.length ? (
            data.offices.map((o) => (
              <Tag key={o.appointmentId} color="geekblue">
                {roleZh(o.role)} · {o.organisationName}
              </Tag>
            ))
          ) : (
            <Typography.Text type="secondary">{tasks.isLoading ? '…' : '目前没有在任的任职，请联系登记员'}</Typography.Text>
          )}
        </Space>
      </Card>
      <ApiErrorAlert error={tasks.error} />
      <Table<MyTaskView>
        data-testid="my-tasks"
        rowKey={(t) => `${t.decisionId}:${t.action}:${t.actor.role}:${t.actor.organisation}`}
        loading={tasks.isLoading}
        dataSource={data?.items}
        pagination={false}
        locale={{ emptyText: '没有待办的步骤' }}
        onRow={(t) => ({ 'data-testid': `task-${t.decisionId}-${t.action}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: '决策事项',
            render: (_v, t) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/decisions/${enc(t.decisionId)}`}>{t.title}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t.decisionId} · {phaseZh(t.phase)}
                </Typography.Text>
              </Space>
            ),
          },
          { title: '待办步骤', render: (_v, t) => <Typography.Text strong>{actionZh(t.action)}</Typography.Text> },
          { title: '办理身份', render: (_v, t) => `${roleZh(t.actor.role)} · ${t.actor.organisation}` },
          {
            title: '法定期限',
            render: (_v, t) =>
              t.deadline ? (
                <Space orientation="vertical" size={0}>
                  <span>{t.deadline.label.split(' (')[0]}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t.deadline.lastDay ? `最后一日 ${day(t.deadline.lastDay)}` : ''} {splitArticle(t.deadline.basis)}
                  </Typography.Text>
                </Space>
              ) : (
                '—'
              ),
          },
          { title: '剩余', render: (_v, t) => <Remaining task={t} /> },
          {
            title: '',
            render: (_v, t) => (
              <Link to={stepLink(t)} data-testid="open-step">
                <Button type="primary" size="small">
                  办理
                </Button>
              </Link>
            ),
          },
        ]}
      />
      {data && (data.page > 1 || data.nextPage) && (
        <Space>
          <Button disabled={data.page <= 1} onClick={() => setPage((p) => p - 1)}>
            上一页
          </Button>
          <span>第 {data.page} 页（每页 {data.pageSize} 项决策）</span>
          <Button disabled={!data.nextPage} onClick={() => setPage((p) => p + 1)}>
            下一页
          </Button>
        </Space>
      )}
    </Space>
  );
}
