import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Col, Descriptions, Empty, Row, Space, Steps, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatCitation, Phase, profileById, type DecisionDocumentView, type StepRefusalView, type SuspensionSituation } from '../../../../libs/domain';
import { ORDER } from '../../../../libs/domain/procedure/rules/stage';
import { apiGet, enc } from '../api/client';
import type { DeadlinesView, DecisionView, TasksView, TimelineView } from '../api/types';
import { EmptyText } from '../components/EmptyText';
import { ApiErrorAlert, bilingualText, splitArticle } from '../components/ApiErrorAlert';
import { actionText, day, dayTime, phaseText, poolStandingText, roleText, SUSPENSION_SITUATION_TEXT, timelineArticle } from '../format';
import { half, t } from '../i18n';
import { useOrganisationName } from '../names';
import { PageTitle } from '../components/PageTitle';
import { Hash } from '../components/Hash';
import { fieldLabel } from '../forms/step-forms';

const HOLD_TEXT: Record<string, string> = { postponed: t('暂缓', 'postponed'), suspended: t('中止执行', 'execution suspended') };
const CLOSED_TEXT: Record<string, string> = { withdrawn: t('已撤回', 'withdrawn'), not_adopted: t('决定不予通过', 'not adopted'), terminated: t('已停止执行', 'execution stopped') };
const DEADLINE_STATUS: Record<string, [string, string]> = {
  running: [t('进行中', 'running'), 'processing'],
  paused: [t('已暂停（不计入期限）', 'paused (not counted)'), 'warning'],
  elapsed: [t('期满', 'elapsed'), 'success'],
  met: [t('已按期完成', 'met in time'), 'success'],
  overdue: [t('已逾期', 'overdue'), 'error'],
  cancelled: [t('已取消', 'cancelled'), 'default'],
};
/** What each stage of the diagram covers, in the statute's words. */
const STAGE_NOTE: Record<string, string> = {
  drafting: t('第十二条、第十三条', 'Arts. 12, 13'),
  consultation: t('第十四条至第二十四条', 'Arts. 14–24'),
  legality_review: t('第二十五条至第二十八条', 'Arts. 25–28'),
  discussion: t('第二十九条、第三十条', 'Arts. 29, 30'),
  decided: t('报告党委、公布 · 第三十一条、第三十二条', 'report to the Party committee, publication · Arts. 31, 32'),
  published: t('归档 · 第三十三条', 'archiving · Art. 33'),
  execution: t('执行与评估 · 第三十四条至第三十七条', 'execution and evaluation · Arts. 34–37'),
};

export function PhaseTag({ phase, hold, overdue }: { phase: string; hold?: string; overdue?: boolean }) {
  return (
    <Space size={4} wrap>
      <Tag color={phase === Phase.Closed ? 'default' : 'blue'}>{phaseText(phase)}</Tag>
      {hold && hold !== 'none' && <Tag color="orange">{HOLD_TEXT[hold] ?? hold}</Tag>}
      {overdue && <Tag color="red">{t('逾期', 'overdue')}</Tag>}
    </Space>
  );
}

/** GET /decisions/:id/expert-panel: the experts its panels name, and whether each is now in a pool it may use (Art. 21). */
interface ExpertPanelView {
  fromPoolRequired: boolean;
  experts: { id: string; name: string; institution: boolean; inUsablePool: boolean; entries: { id: string; governmentId: string; standing: string }[] }[];
}

/** 决策详情: where the procedure stands, its signed record, its periods and the steps refused. */
export function DecisionPage() {
  const { id = '' } = useParams();
  const path = `/decisions/${enc(id)}`;
  const decision = useQuery({ queryKey: ['decision', id], queryFn: () => apiGet<DecisionView>(path) });
  const timeline = useQuery({ queryKey: ['timeline', id], queryFn: () => apiGet<TimelineView>(`${path}/timeline`), enabled: decision.isSuccess });
  // The documents each entry names, to read them here (web tester: none could be read, and the reviewer and the
  // secretary publishing had to find elsewhere the very files the record held).
  const documents = useQuery({ queryKey: ['documents', id], queryFn: () => apiGet<DecisionDocumentView[]>(`${path}/documents`), enabled: decision.isSuccess });
  /** A signer of the record by name, as the timeline gives it (the id only where it does not): a clerk reads 李审查, not j-li. */
  const signerName = (personId: string) => [...(timeline.data ?? [])].reverse().find((e) => e.actor.id === personId)?.actor.name ?? personId;
  const deadlines = useQuery({ queryKey: ['deadlines', id], queryFn: () => apiGet<DeadlinesView>(`${path}/deadlines`), enabled: decision.isSuccess });
  const tasks = useQuery({ queryKey: ['tasks', id], queryFn: () => apiGet<TasksView>(`${path}/tasks`), enabled: decision.isSuccess });
  const orgName = useOrganisationName();
  const refusals = useQuery({ queryKey: ['refusals', id], queryFn: () => apiGet<StepRefusalView[]>(`${path}/refusals`), enabled: decision.isSuccess });
  const panel = useQuery({ queryKey: ['expert-panel', id], queryFn: () => apiGet<ExpertPanelView>(`${path}/expert-panel`), enabled: decision.isSuccess });

  if (decision.error) return <ApiErrorAlert error={decision.error} onRetry={() => void decision.refetch()} />;
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
        <PageTitle style={{ marginBottom: 4 }}>
          {record.title}
        </PageTitle>
        <Space wrap>
          <Typography.Text type="secondary">{record.id}</Typography.Text>
          <span data-testid="phase">
            <PhaseTag phase={state.phase} hold={state.hold} overdue={state.overdue} />
          </span>
          {closed && state.closedReason && <Tag>{CLOSED_TEXT[state.closedReason] ?? state.closedReason}</Tag>}
          <Link to={`/inspect/${enc(id)}`}>
            <Button size="small">{t('核查记录', 'Inspect the record')}</Button>
          </Link>
          <Link to={`/sign?decision=${enc(id)}`}>
            <Button size="small">{t('办理步骤', 'Take a step')}</Button>
          </Link>
        </Space>
        {state.hold !== 'none' && state.holdInfo && <HoldAlert title={`${HOLD_TEXT[state.hold] ?? state.hold}：${state.holdInfo.reason}`} info={state.holdInfo} testId="hold-info" />}
        {state.suspensionBeneath && (
          <HoldAlert title={`${t('原决策中止执行（调整程序暂缓期间仍然有效）', 'The decision in force is suspended (while its adjustment is postponed)')}：${state.suspensionBeneath.reason}`} info={state.suspensionBeneath} testId="suspension-beneath" />
        )}
      </div>

      <Card title={t('决策程序', 'Procedure')} data-testid="stages">
        <Steps
          current={closed ? stoppedAt : at}
          status={closed ? 'error' : state.hold !== 'none' ? 'wait' : 'process'}
          size="small"
          titlePlacement="vertical"
          items={ORDER.map((p, i) => ({
            title: phaseText(p).replace(/[，,].*$/, ''),
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
                ...(state.authority
                  ? [
                      { label: t('决策机关', 'Deciding organ'), children: <span data-testid="deciding-organ">{orgName(state.authority.decidingOrgan)}</span> },
                      { label: t('合法性审查', 'Legality review'), children: <span data-testid="legality-review-body">{orgName(state.authority.legalityReviewBody)}</span> },
                    ]
                  : []),
                { label: t('决策承办单位', 'Undertaking unit'), children: orgName(record.undertakingDepartment) },
                { label: t('目录事项', 'Catalog item'), children: record.catalogRef },
                { label: t('法律依据', 'Legal basis'), children: record.legalBasis.join(t('；', '; ')) },
                { label: t('程序规则', 'Rules'), children: record.profile === 'national' ? t('国家基准（国务院令第713号）', 'national baseline (State Council Decree No. 713)') : half(profileById(record.profile)?.name, record.profile) },
                { label: t('登记日期', 'Registered'), children: day(record.registeredAt) },
                { label: t('决策草案', 'Draft'), children: state.draftVersion ? t(`第 ${state.draftVersion} 稿`, `version ${state.draftVersion}`) : t('尚未提交', 'not yet submitted') },
              ]}
            />
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={t('当前待办', 'Open steps')} data-testid="tasks">
              {tasksNow.length ? (
                <Space orientation="vertical" size={4}>
                  {tasksNow.map((task) => (
                    <span key={`${task.role}-${task.action}`}>
                      <Badge status="processing" /> {actionText(task.action)} <Typography.Text type="secondary">{t(`（${roleText(task.role)}）`, `(${roleText(task.role)})`)}</Typography.Text>
                    </span>
                  ))}
                </Space>
              ) : tasks.isError ? (
                <ApiErrorAlert error={tasks.error} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={closed ? t('决策程序已结束', 'The procedure has ended') : t('暂无待办', 'No open step')} />
              )}
            </Card>
          </Col>
        </Row>
      </Card>

      <Card title={t('已签署的记录', 'Signed record')} data-testid="timeline">
        <ApiErrorAlert error={timeline.error} />
        <Timeline
          items={[
            {
              key: 0,
              color: 'green',
              title: <span style={{ whiteSpace: 'nowrap' }}>{dayTime(record.registeredAt)}</span>,
              content: (
                <div data-testid="entry-0">
                  <Typography.Text strong>0. {actionText('register')}</Typography.Text>
                  {/* Named as every other entry's signer (web tester: entry 0 named no one); a registration from before signatures, the unit. */}
                  <div>
                    {state.registeredBy ? `${state.registeredBy.name} · ${roleText(state.registeredBy.role)} · ${orgName(state.registeredBy.organisation)}` : `${t('决策承办单位', 'undertaking unit')} · ${orgName(record.undertakingDepartment)}`}
                  </div>
                  <div>
                    <Tag style={{ marginTop: 4 }}>{timelineArticle('decree-713:11')}</Tag>
                  </div>
                </div>
              ),
            },
            ...(timeline.data ?? []).map((e) => ({
            key: e.seq,
            color: 'blue',
            title: <span style={{ whiteSpace: 'nowrap' }}>{dayTime(e.at)}</span>,
            content: (
              <div data-testid={`entry-${e.seq}`}>
                <Typography.Text strong>
                  {e.seq}. {actionText(e.action)}
                </Typography.Text>
                <div>
                  {e.actor.name} · {roleText(e.actor.role)} · {orgName(e.actor.organisation)}
                </div>
                <div>
                  {e.articles.map((a) => (
                    <Tag key={a} style={{ marginTop: 4 }}>
                      {timelineArticle(a)}
                    </Tag>
                  ))}
                </div>
                <EntryDocuments documents={(documents.data ?? []).filter((doc) => doc.seq === e.seq)} />
              </div>
            ),
          })),
          ]}
        />
      </Card>

      <Card title={t('法定期限', 'Statutory periods')} data-testid="deadlines">
        <ApiErrorAlert error={deadlines.error} />
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={deadlines.data}
          locale={{ emptyText: <EmptyText failed={deadlines.isError}>{t('尚无期限', 'No period yet')}</EmptyText> }}
          columns={[
            { title: t('期限', 'Period'), dataIndex: 'label', render: (l: string) => half(l, l) },
            { title: t('依据', 'Basis'), dataIndex: 'basis', render: (b: DeadlinesView[number]['basis']) => splitArticle(formatCitation(b)) },
            { title: t('性质', 'Kind'), dataIndex: 'type', render: (k: string) => (k === 'minimum' ? t('最短期限', 'at least') : t('最长期限', 'at most')) },
            { title: t('天数', 'Days'), render: (_, d) => `${d.days} ${d.unit === 'working' ? t('个工作日', 'working days') : t('日', 'days')}` },
            { title: t('起算', 'From'), dataIndex: 'startedAt', render: (v: string) => day(v) },
            {
              title: t('最后一日', 'Last day'),
              dataIndex: 'lastDay',
              render: (v: string | null, d) => (
                <Space size={4}>
                  <Typography.Text strong>{v ? day(v) : t('暂停中', 'paused')}</Typography.Text>
                  {d.provisional && (
                    <Tooltip title={t('所跨年度的节假日安排尚未公布，期限为暂定', 'The holidays of a year it runs into are not yet published: the last day is provisional')}>
                      <Tag color="orange">{t('暂定', 'provisional')}</Tag>
                    </Tooltip>
                  )}
                </Space>
              ),
            },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              // A minimum period its beneficiary waived (Art. 26: the reviewer issued early) is not "met in time" (second tester).
              render: (s: string, d) =>
                s === 'met' && d.waivedBy ? (
                  <Badge status="success" text={t(`提前完成（${signerName(d.waivedBy)}放弃最短期限${d.shortenedReason ? `：${d.shortenedReason}` : ''}）`, `done early (${signerName(d.waivedBy)} waived the minimum${d.shortenedReason ? `: ${d.shortenedReason}` : ''})`)} />
                ) : (
                  <Badge status={(DEADLINE_STATUS[s]?.[1] ?? 'default') as 'default'} text={DEADLINE_STATUS[s]?.[0] ?? s} />
                ),
            },
          ]}
        />
      </Card>

      {!!panel.data?.experts.length && (
        <Card title={t('论证专家与专家库（第二十一条）', 'Panel experts and expert pools (Art. 21)')} data-testid="expert-panel">
          <Typography.Paragraph type="secondary">
            {panel.data.fromPoolRequired
              ? t('本决策的程序规则要求从可以使用的专家库（本级及上级政府的专家库）中选择论证专家。', "This decision's rules require panel experts from a pool it may use (its government's or one above).")
              : t('《条例》不要求论证专家必须来自专家库；下表仅说明各专家现在是否在本决策可以使用的专家库中。', 'The decree does not require panel experts to come from a pool; the table only says whether each is now in a pool this decision may use.')}
          </Typography.Paragraph>
          <Table<ExpertPanelView['experts'][number]>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={panel.data.experts}
            onRow={(r) => ({ 'data-testid': `panel-expert-${r.id}` }) as HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('专家', 'Expert'), render: (_, e) => t(`${e.name}（${e.id}）`, `${e.name} (${e.id})`) + (e.institution ? t('，专业机构', ', institution') : '') },
              {
                title: t('可以使用的专家库', 'Usable pool'),
                render: (_, e) =>
                  e.institution ? (
                    '—'
                  ) : (
                    <Space size={4} wrap>
                      <Tag color={e.inUsablePool ? 'green' : 'default'}>{e.inUsablePool ? t('在库', 'in a pool') : t('不在库', 'in no pool')}</Tag>
                      {e.entries.map((x) => (
                        <Tag key={x.id} color={poolStandingText(x.standing)[1]}>
                          {orgName(x.governmentId)} · {poolStandingText(x.standing)[0]}
                        </Tag>
                      ))}
                    </Space>
                  ),
              },
            ]}
          />
        </Card>
      )}

      <Card title={t('被拒绝的步骤', 'Steps refused')} data-testid="refusals">
        <ApiErrorAlert error={refusals.error} />
        {refusals.data?.length ? (
          <Table<StepRefusalView>
            rowKey="id"
            size="small"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={refusals.data}
            columns={[
              { title: t('时间', 'When'), dataIndex: 'attemptedAt', render: (v: string) => dayTime(v), width: 170 },
              { title: t('步骤', 'Step'), dataIndex: 'action', render: (a: string) => actionText(a) },
              { title: t('经办人', 'By'), render: (_, r) => t(`${r.actorName}（${roleText(r.actorRole)}，${orgName(r.actorOrganisation)}）`, `${r.actorName} (${roleText(r.actorRole)}, ${orgName(r.actorOrganisation)})`) },
              // A reason quoting a hash (71 characters, no space) breaks inside it rather than squeezing the other columns.
              { title: t('理由', 'Reason'), dataIndex: 'message', render: (m: string) => <span style={{ overflowWrap: 'anywhere' }}>{bilingualText(m)}</span> },
              { title: t('依据', 'Basis'), dataIndex: 'articles', render: (as: string[]) => as.map((a) => <Tag key={a} color="red">{splitArticle(a)}</Tag>) },
            ]}
          />
        ) : refusals.isSuccess ? (
          <Alert type="success" showIcon title={t('没有被拒绝的步骤', 'No step has been refused')} />
        ) : null}
      </Card>
    </Space>
  );
}

/** Why the decision is held: the reason, and for a suspension the Art. 35 situation and why it was urgent (Art. 37). */
function HoldAlert({ title, info, testId }: { title: string; info: NonNullable<DecisionView['state']['holdInfo']>; testId: string }) {
  return (
    <Alert
      style={{ marginTop: 8 }}
      type="warning"
      showIcon
      data-testid={testId}
      title={title}
      description={
        info.situation || info.urgency ? (
          <>
            {info.situation && <div>{t('出现的第三十五条情形：', 'The Art. 35 situation: ')}{SUSPENSION_SITUATION_TEXT[info.situation as SuspensionSituation] ?? info.situation}</div>}
            {info.urgency && <div>{t('情况紧急：', 'Why urgent: ')}{info.urgency}</div>}
          </>
        ) : undefined
      }
    />
  );
}

/** The documents an entry names, each by what its form calls it, its size, and a download (GET /documents/:hash). */
function EntryDocuments({ documents }: { documents: DecisionDocumentView[] }) {
  if (!documents.length) return null;
  return (
    <ul style={{ margin: '4px 0 0', paddingLeft: 18 }} aria-label={t('本步骤的文件', "This step's documents")}>
      {documents.map((doc) => {
        const label = fieldLabel(doc.action, doc.field);
        return (
          <li key={`${doc.field}:${doc.hash}`} data-testid={`document-${doc.seq}-${doc.field}`}>
            <Typography.Text>{label}</Typography.Text> <Typography.Text type="secondary">{t(`（${sizeText(doc.size)}）`, `(${sizeText(doc.size)})`)}</Typography.Text>
            <Hash value={doc.hash} what={{ zh: label, en: label }} download />
          </li>
        );
      })}
    </ul>
  );
}

const sizeText = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
