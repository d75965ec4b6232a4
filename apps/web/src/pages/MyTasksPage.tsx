import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useHref, useNavigate } from 'react-router-dom';
import type { MyTasksPage as Page, MyTaskView } from '../../../../libs/domain';
import { apiGet, enc } from '../api/client';
import { ApiErrorAlert, SignInNeeded, splitArticle } from '../components/ApiErrorAlert';
import { NotificationsCard } from '../components/NotificationsCard';
import { actionText, day, phaseText, roleText } from '../format';
import { half, t } from '../i18n';
import { useMe } from '../identity';
import { useOrganisationName } from '../names';
import { PageTitle } from '../components/PageTitle';
import { ScrollRegion } from '../components/ScrollRegion';
import { EmptyText } from '../components/EmptyText';

/** Where a task's form is: the signing page, on this decision and step, in the office the task names. */
export const stepLink = (t: Pick<MyTaskView, 'decisionId' | 'action' | 'actor'>) =>
  `/sign?decision=${enc(t.decisionId)}&action=${enc(t.action)}&role=${enc(t.actor.role)}&org=${enc(t.actor.organisation)}`;

/** 剩余: days left in the deadline's unit, or how long ago it was missed, in red. */
function Remaining({ task }: { task: MyTaskView }) {
  const d = task.deadline;
  if (!d) return <Typography.Text type="secondary">{t('无法定时限', 'no time limit')}</Typography.Text>;
  if (d.daysLeft === null) return <Tag>{d.status === 'paused' ? t('期限暂停计算', 'paused') : '—'}</Tag>;
  const unit = d.unit === 'working' ? t('个工作日', 'working days') : t('日', 'days');
  if (d.type === 'minimum') return d.daysLeft >= 0 ? <Tag color="blue">{t(`${d.daysLeft} ${unit}后期满方可办理`, `may be taken after ${d.daysLeft} ${unit}`)}</Tag> : <Tag color="green">{t('期满，可以办理', 'period over: may be taken')}</Tag>;
  if (task.overdue || d.daysLeft < 0) return <Tag color="red" data-testid="overdue">{t(`已逾期 ${Math.max(1, -d.daysLeft)} ${unit}`, `overdue by ${Math.max(1, -d.daysLeft)} ${unit}`)}</Tag>;
  return <Tag color={d.daysLeft <= 3 ? 'orange' : 'green'}>{d.daysLeft === 0 ? t('今日到期', 'due today') : t(`还剩 ${d.daysLeft} ${unit}`, `${d.daysLeft} ${unit} left`)}</Tag>;
}

/**
 * 办理: one link that looks like a button (a button inside a link is two
 * stops for Tab and nested controls for a screen reader); it navigates
 * within the application, and opens in a new tab as links do.
 */
function OpenStep({ task }: { task: MyTaskView }) {
  const navigate = useNavigate();
  const to = stepLink(task);
  const href = useHref(to);
  return (
    <Button
      type="primary"
      size="small"
      href={href}
      data-testid="open-step"
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        void navigate(to);
      }}
    >
      {t('办理', 'Open')}
    </Button>
  );
}

/** 我的待办: every step the person may take now, soonest time limit first, each one click from its form. */
export function MyTasksPage({ signInEnabled = false }: { signInEnabled?: boolean }) {
  const { me, loading } = useMe();
  const orgName = useOrganisationName();
  const [page, setPage] = useState(1);
  const tasks = useQuery({ queryKey: ['my-tasks', me?.personId, page], queryFn: () => apiGet<Page>(`/tasks?personId=${enc(me!.personId)}&page=${page}`), enabled: !!me });
  if (loading) return null;
  // Signed out where officials sign in: asked to sign in, as every page for officials asks (fresh-eyes tester: told to
  // make a signing key instead).
  // (A key enrolled in this browser names no one where officials sign in: the API asks for the token.)
  if (signInEnabled && me?.source !== 'signed-in') return <SignInNeeded />;
  if (!me) {
    return (
      <Alert
        type="info"
        showIcon
        title={t('请先登记身份', 'Who are you?')}
        description={
          <>
            {t('我的待办按本浏览器中登记签名密钥的工号列出。请到', 'My tasks are listed for the person whose signing key is enrolled in this browser. Make one on the')} <Link to="/sign">{t('签署', 'Sign')}</Link> {t('页生成签名密钥。', 'page.')}
          </>
        }
      />
    );
  }
  const data = tasks.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{t('我的待办', 'My tasks')}</PageTitle>
      <Card size="small" data-testid="my-offices">
        <Space wrap>
          <span>
            {t(`${me.name}（${me.personId}）的任职：`, `Offices of ${me.name} (${me.personId}):`)}
          </span>
          {data?.offices.length ? (
            data.offices.map((o) => (
              <Tag key={o.appointmentId} color="geekblue">
                {roleText(o.role)} · {o.organisationName}
              </Tag>
            ))
          ) : (
            <Typography.Text type="secondary">{tasks.isLoading ? '…' : tasks.isError ? '—' : t('目前没有在任的任职（任职由登记员登记）；论证专家不需任职，决策的专家组列名后，其论证意见列在下方待办中', 'no standing office (a registrar enters offices); an expert needs none: named on a decision\'s panel, their opinion is listed below')}</Typography.Text>
          )}
        </Space>
      </Card>
      <ApiErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} />
      {!!data?.unanswering.length && (
        <Alert
          type="warning"
          showIcon
          data-testid="unanswering"
          title={t('以下决策的流程暂时无法应答，其待办未能列出', 'These decisions\' workflows do not answer now: their steps are not listed')}
          description={
            <>
              {data.unanswering.map((d) => (
                <div key={d.id}>
                  <Link to={`/decisions/${enc(d.id)}`}>{d.title}</Link>（{d.id}）
                </div>
              ))}
              <Typography.Text type="secondary">{t('已经记录的内容没有丢失；请将决策编号告知系统运维人员。', 'Nothing recorded is lost; give the decision ids to the operators.')}</Typography.Text>
            </>
          }
        />
      )}
      <ScrollRegion label={t('我的待办表（可横向滚动）', 'My tasks table (scrolls sideways)')} minWidth={760}>
        <Table<MyTaskView>
          data-testid="my-tasks"
          rowKey={(k) => `${k.decisionId}:${k.action}:${k.actor.role}:${k.actor.organisation}`}
          loading={tasks.isLoading}
          dataSource={data?.items}
          pagination={false}
          locale={{ emptyText: <EmptyText failed={tasks.isError}>{t('没有待办的步骤', 'Nothing to do')}</EmptyText> }}
          onRow={(k) => ({ 'data-testid': `task-${k.decisionId}-${k.action}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('决策事项', 'Decision'),
              render: (_v, task) => (
                <Space orientation="vertical" size={0}>
                  <Link to={`/decisions/${enc(task.decisionId)}`}>{task.title}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {task.decisionId} · {phaseText(task.phase)}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('待办步骤', 'Step'),
              render: (_v, task) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{actionText(task.action)}</Typography.Text>
                  {/* What it waits for, said before the form is opened (fresh-eyes tester: the form was offered, then refused). */}
                  {task.waitingFor && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="waiting-for">
                      {t(task.waitingFor.zh, task.waitingFor.en)} {splitArticle(task.waitingFor.basis)}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            { title: t('办理身份', 'As'), render: (_v, task) => `${roleText(task.actor.role)} · ${orgName(task.actor.organisation)}` },
            {
              title: t('法定期限', 'Time limit'),
              render: (_v, task) =>
                task.deadline ? (
                  <Space orientation="vertical" size={0}>
                    <span>{half(task.deadline.label, task.deadline.label)}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {task.deadline.lastDay ? `${t('最后一日', 'last day')} ${day(task.deadline.lastDay)}` : ''} {splitArticle(task.deadline.basis)}
                    </Typography.Text>
                  </Space>
                ) : (
                  '—'
                ),
            },
            { title: t('剩余', 'Left'), render: (_v, task) => <Remaining task={task} /> },
            {
              title: t('操作', 'Action'),
              render: (_v, task) => (
                <OpenStep task={task} />
              ),
            },
          ]}
        />
      </ScrollRegion>
      {data && (data.page > 1 || data.nextPage) && (
        <Space>
          <Button disabled={data.page <= 1} onClick={() => setPage((p) => p - 1)}>
            {t('上一页', 'Previous')}
          </Button>
          <span>{t(`第 ${data.page} 页（每页 ${data.pageSize} 项决策）`, `page ${data.page} (${data.pageSize} decisions a page)`)}</span>
          <Button disabled={!data.nextPage} onClick={() => setPage((p) => p + 1)}>
            {t('下一页', 'Next')}
          </Button>
        </Space>
      )}
      <NotificationsCard />
    </Space>
  );
}
