import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Col, Descriptions, Empty, Row, Space, Steps, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { formatCitation, Phase, profileById, type StepRefusalView } from '../../../../libs/domain';
import { ORDER } from '../../../../libs/domain/procedure/rules/stage';
import { apiGet, enc } from '../api/client';
import type { DeadlinesView, DecisionView, TasksView, TimelineView } from '../api/types';
import { ApiErrorAlert, splitArticle, splitBilingual } from '../components/ApiErrorAlert';
import { actionText, day, dayTime, phaseText, roleText, timelineArticle } from '../format';
import { useOrganisationName } from '../names';

const HOLD_ZH: Record<string, string> = { postponed: '暂缓', suspended: '中止执行' };
const CLOSED_ZH: Record<string, string> = { withdrawn: '已撤回', not_adopted: '决定不予通过', terminated: '已停止执行' };
const DEADLINE_STATUS: Record<string, [string, string]> = {
  running: ['进行中', 'processing'],
  paused: ['已暂停（不计入期限）', 'warning'],
  elapsed: ['期满', 'success'],
  met: ['已按期完成', 'success'],
  overdue: ['已逾期', 'error'],
  cancelled: ['已取消', 'default'],
};
/** What each stage of the diagram covers, in the statute's words. */
const STAGE_NOTE: Record<string, string> = {
  drafting: '第十二条、第十三条',
  consultation: '第十四条至第二十四条',
  legality_review: '第二十五条至第二十八条',
  discussion: '第二十九条、第三十条',
  decided: '报告党委、公布 · 第三十一条、第三十二条',
  published: '归档 · 第三十三条',
  execution: '执行与评估 · 第三十四条至第三十七条',
};

export function PhaseTag({ phase, hold, overdue }: { phase: string; hold?: string; overdue?: boolean }) {
  return (
    <Space size={4} wrap>
      <Tag color={phase === Phase.Closed ? 'default' : 'blue'}>{phaseText(phase)}</Tag>
      {hold && hold !== 'none' && <Tag color="orange">{HOLD_ZH[hold] ?? hold}</Tag>}
      {overdue && <Tag color="red">逾期</Tag>}
    </Space>
  );
}

/** 决策详情: where the procedure stands, its signed record, its periods and the steps refused. */
export function DecisionPage() {
  const { id = '' } = useParams();
  const path = `/decisions/${enc(id)}`;
  const decision = useQuery({ queryKey: ['decision', id], queryFn: () => apiGet<DecisionView>(path) });
  const timeline = useQuery({ queryKey: ['timeline', id], queryFn: () => apiGet<TimelineView>(`${path}/timeline`), enabled: decision.isSuccess });
  const deadlines = useQuery({ queryKey: ['deadlines', id], queryFn: () => apiGet<DeadlinesView>(`${path}/deadlines`), enabled: decision.isSuccess });
  const tasks = useQuery({ queryKey: ['tasks', id], queryFn: () => apiGet<TasksView>(`${path}/tasks`), enabled: decision.isSuccess });
  const orgName = useOrganisationName();
  const refusals = useQuery({ queryKey: ['refusals', id], queryFn: () => apiGet<StepRefusalView[]>(`${path}/refusals`), enabled: decision.isSuccess });

  if (decision.error) return <ApiErrorAlert error={decision.error} />;
  if (!decision.data) return <Card loading />;
  const { state, record } = decision.data;
  const at = ORDER.indexOf(state.phase);
  const closed = state.phase === Phase.Closed;
  // Where a closed decision stopped: not adopted at the discussion, terminated in execution, withdrawn before the decision.
  const stoppedAt = !closed ? -1 : state.closedReason === 'terminated' ? ORDER.indexOf(Phase.Execution) : ORDER.indexOf(Phase.Discussion);
  const tasksNow = tasks.data ?? [];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {record.title}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary">{record.id}</Typography.Text>
          <span data-testid="phase">
            <PhaseTag phase={state.phase} hold={state.hold} overdue={state.overdue} />
          </span>
          {closed && state.closedReason && <Tag>{CLOSED_ZH[state.closedReason] ?? state.closedReason}</Tag>}
          <Link to={`/inspect/${enc(id)}`}>
            <Button size="small">核查记录</Button>
          </Link>
          <Link to={`/sign?decision=${enc(id)}`}>
            <Button size="small">办理步骤</Button>
          </Link>
        </Space>
      </div>

      <Card title="决策程序" data-testid="stages">
        <Steps
          current={closed ? stoppedAt : at}
          status={closed ? 'error' : state.hold !== 'none' ? 'wait' : 'process'}
          size="small"
          titlePlacement="vertical"
          items={ORDER.map((p, i) => ({
            title: phaseText(p).replace(/，.*$/, ''),
            content: <span style={{ fontSize: 12 }}>{STAGE_NOTE[p]}</span>,
            status: closed ? (i < stoppedAt ? 'finish' : i === stoppedAt ? 'error' : 'wait') : i < at ? 'finish' : i === at ? (state.hold !== 'none' ? 'wait' : 'process') : 'wait',
          }))}
        />
        <Row gutter={16} style={{ marginTop: 24 }}>
          <Col xs={24} md={12}>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { label: '决策承办单位', children: orgName(record.undertakingDepartment) },
                { label: '目录事项', children: record.catalogRef },
                { label: '法律依据', children: record.legalBasis.join('；') },
                { label: '程序规则', children: record.profile === 'national' ? '国家基准（国务院令第713号）' : (profileById(record.profile)?.name ?? record.profile) },
                { label: '登记日期', children: day(record.registeredAt) },
                { label: '决策草案', children: state.draftVersion ? `第 ${state.draftVersion} 稿` : '尚未提交' },
              ]}
            />
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title="当前待办" data-testid="tasks">
              {tasksNow.length ? (
                <Space orientation="vertical" size={4}>
                  {tasksNow.map((t) => (
                    <span key={`${t.role}-${t.action}`}>
                      <Badge status="processing" /> {actionText(t.action)} <Typography.Text type="secondary">（{roleText(t.role)}）</Typography.Text>
                    </span>
                  ))}
                </Space>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={closed ? '决策程序已结束' : '暂无待办'} />
              )}
            </Card>
          </Col>
        </Row>
      </Card>

      <Card title="已签署的记录" data-testid="timeline">
        <ApiErrorAlert error={timeline.error} />
        <Timeline
          items={[
            {
              key: 0,
              color: 'green',
              title: <span style={{ whiteSpace: 'nowrap' }}>{dayTime(record.registeredAt)}</span>,
              content: (
                <div data-testid="entry-0">
                  <Typography.Text strong>0. 登记决策事项</Typography.Text>
                  <div>决策承办单位 · {orgName(record.undertakingDepartment)}</div>
                  <div>
                    <Tag style={{ marginTop: 4 }}>《重大行政决策程序暂行条例》第十一条</Tag>
                  </div>
                </div>
              ),
            },
            ...(timeline.data ?? []).map((t) => ({
            key: t.seq,
            color: 'blue',
            title: <span style={{ whiteSpace: 'nowrap' }}>{dayTime(t.at)}</span>,
            content: (
              <div data-testid={`entry-${t.seq}`}>
                <Typography.Text strong>
                  {t.seq}. {actionText(t.action)}
                </Typography.Text>
                <div>
                  {t.actor.name} · {roleText(t.actor.role)} · {orgName(t.actor.organisation)}
                </div>
                <div>
                  {t.articles.map((a) => (
                    <Tag key={a} style={{ marginTop: 4 }}>
                      {timelineArticle(a)}
                    </Tag>
                  ))}
                </div>
              </div>
            ),
          })),
          ]}
        />
      </Card>

      <Card title="法定期限" data-testid="deadlines">
        <ApiErrorAlert error={deadlines.error} />
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={deadlines.data}
          locale={{ emptyText: '尚无期限' }}
          columns={[
            { title: '期限', dataIndex: 'label', render: (l: string) => l.split(' (')[0] },
            { title: '依据', dataIndex: 'basis', render: (b: DeadlinesView[number]['basis']) => splitArticle(formatCitation(b)) },
            { title: '性质', dataIndex: 'type', render: (t: string) => (t === 'minimum' ? '最短期限' : '最长期限') },
            { title: '天数', render: (_, d) => `${d.days} ${d.unit === 'working' ? '个工作日' : '日'}` },
            { title: '起算', dataIndex: 'startedAt', render: (v: string) => day(v) },
            {
              title: '最后一日',
              dataIndex: 'lastDay',
              render: (v: string | null, d) => (
                <Space size={4}>
                  <Typography.Text strong>{v ? day(v) : '暂停中'}</Typography.Text>
                  {d.provisional && (
                    <Tooltip title="所跨年度的节假日安排尚未公布，期限为暂定">
                      <Tag color="orange">暂定</Tag>
                    </Tooltip>
                  )}
                </Space>
              ),
            },
            { title: '状态', dataIndex: 'status', render: (s: string) => <Badge status={(DEADLINE_STATUS[s]?.[1] ?? 'default') as 'default'} text={DEADLINE_STATUS[s]?.[0] ?? s} /> },
          ]}
        />
      </Card>

      <Card title="被拒绝的步骤" data-testid="refusals">
        <ApiErrorAlert error={refusals.error} />
        {refusals.data?.length ? (
          <Table<StepRefusalView>
            rowKey="id"
            size="small"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={refusals.data}
            columns={[
              { title: '时间', dataIndex: 'attemptedAt', render: (v: string) => dayTime(v), width: 170 },
              { title: '步骤', dataIndex: 'action', render: (a: string) => actionText(a) },
              { title: '经办人', render: (_, r) => `${r.actorName}（${roleText(r.actorRole)}，${orgName(r.actorOrganisation)}）` },
              { title: '理由', dataIndex: 'message', render: (m: string) => splitBilingual(m)[0] },
              { title: '依据', dataIndex: 'articles', render: (as: string[]) => as.map((a) => <Tag key={a} color="red">{splitArticle(a)}</Tag>) },
            ]}
          />
        ) : (
          <Alert type="success" showIcon title="没有被拒绝的步骤" />
        )}
      </Card>
    </Space>
  );
}
