import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { AccountabilityItem, AccountabilityPage as Page } from '../../../../libs/domain';
import { apiGet, enc } from '../api/client';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { PageTitle } from '../components/PageTitle';
import { ScrollRegion } from '../components/ScrollRegion';
import { actionText, dayTime, MEMBER_VIEW_TEXT, roleText, shortHash, timelineArticle } from '../format';
import { t } from '../i18n';

/** The person's part in one row: the office they signed in, or their place in the meeting the minutes record. */
function part(r: AccountabilityItem): string[] {
  const parts: string[] = [];
  if (r.signed) {
    const where = r.signed.office?.organisation ?? r.signed.organisation;
    parts.push(t(`签署（${roleText(r.signed.role)}，${where}）`, `signed (${roleText(r.signed.role)}, ${where})`));
  }
  if (r.minuted?.presiding) parts.push(t('主持会议', 'presided the meeting'));
  if (r.minuted?.member) parts.push(r.minuted.chiefExecutive ? t('出席会议的行政首长', 'the chief executive in the meeting') : t('会议组成人员', 'member of the meeting'));
  return parts;
}

/** What the minutes record of the member: present or absent, and the view as spoken. */
function MinutedView({ r }: { r: AccountabilityItem }) {
  const m = r.minuted?.member;
  if (!m) return <Typography.Text type="secondary">—</Typography.Text>;
  if (!m.present) return <Tag>{t('缺席', 'absent')}</Tag>;
  const against = m.view === 'disagree' || m.view === 'reserve';
  return (
    <Space orientation="vertical" size={0}>
      <Tag color={against ? 'orange' : undefined}>{m.view ? (MEMBER_VIEW_TEXT[m.view] ?? m.view) : t('未记录意见', 'no view recorded')}</Tag>
      {m.statement && <Typography.Text style={{ fontSize: 12 }}>{m.statement}</Typography.Text>}
    </Space>
  );
}

/**
 * 责任倒查 (Art. 38): an inspector names an official and sees, across the decisions in the inspector's scope, every step
 * the official signed, in which office, and every meeting of the deciding organ whose minutes name them, with the view
 * minuted (a view against counts for them, Art. 38 para. 3). Each row leads to the decision and to its verification.
 */
export function AccountabilityPage() {
  const { personId: routeId } = useParams();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(routeId ?? '');
  useEffect(() => setTyped(routeId ?? ''), [routeId]);
  const personId = routeId ?? '';
  const pages = useInfiniteQuery({
    queryKey: ['accountability', personId],
    enabled: !!personId,
    retry: false,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => apiGet<Page>(`/people/${enc(personId)}/accountability${pageParam ? `?cursor=${enc(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.nextCursor,
  });
  const first = pages.data?.pages[0];
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{t('责任倒查', 'Accountability')}</PageTitle>
      <Typography.Paragraph type="secondary">
        {t(
          '按人员查看其在决策记录中的全部经历：签署的每一步骤（以何种身份、在哪一机构任职），以及决策机关会议纪要中记载的出席情况和所持意见（第三十八条；对严重失误的决策表示不同意见的，按照规定减免责任，第三十八条第三款）。只列出您有权查看的决策。',
          "One person's part in the record: every step they signed (in which role and office), and each meeting of a deciding organ whose minutes name them, present or not, with the view minuted (Art. 38; a view against a seriously wrong decision reduces the responsibility, Art. 38 para. 3). Only the decisions you may see are listed.",
        )}
      </Typography.Paragraph>
      <Card>
        <Input.Search
          aria-label={t('人员编号（登录名）', "Person's id (sign-in name)")}
          placeholder={t('人员编号（登录名），例如 u-zhang', "Person's id (sign-in name), e.g. u-zhang")}
          enterButton={t('查找', 'Find')}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(v) => v.trim() && navigate(`/accountability/${enc(v.trim())}`)}
          style={{ maxWidth: 520 }}
        />
      </Card>
      <ApiErrorAlert error={pages.error} />
      {first && first.total === 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="accountability-none"
          title={t(`在您可查看的决策中，没有 ${personId} 签署的步骤或者记载其出席的会议`, `No step signed by ${personId}, nor meeting minuting them, in the decisions you may see`)}
          description={t('请核对人员编号；他人的任职和记录不在您任职机构的查看范围内的，也不显示。', "Check the id; what lies outside your offices' scope is not shown either.")}
        />
      )}
      {first && first.total > 0 && (
        <ScrollRegion label={t('责任倒查表（可横向滚动）', 'Accountability table (scrolls sideways)')} minWidth={960}>
          <Table<AccountabilityItem>
            size="small"
            bordered
            data-testid="accountability"
            rowKey={(r) => `${r.decisionId}:${r.seq}`}
            dataSource={rows}
            pagination={false}
            title={() => t(`${first.knownAs.join('、')}：共 ${first.total} 项`, `${first.knownAs.join(', ')}: ${first.total} in all`)}
            columns={[
              { title: t('时间', 'When'), render: (_, r) => dayTime(r.at), width: 150 },
              {
                title: t('决策', 'Decision'),
                render: (_, r) => (
                  <span>
                    <Link to={`/decisions/${enc(r.decisionId)}`}>{r.title}</Link>
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.decisionId}</Typography.Text>
                  </span>
                ),
              },
              { title: t('步骤', 'Step'), render: (_, r) => actionText(r.action) },
              { title: t('身份', 'Part'), render: (_, r) => part(r).join(t('；', '; ')) },
              { title: t('会议中的意见', 'View in the meeting'), render: (_, r) => <MinutedView r={r} /> },
              { title: t('依据', 'Basis'), render: (_, r) => r.articles.map((a) => <Tag key={a}>{timelineArticle(a)}</Tag>) },
              {
                title: t('记录', 'Entry'),
                render: (_, r) => (
                  <Link to={`/inspect/${enc(r.decisionId)}`} title={t('核验该决策的记录', "Verify the decision's record")}>
                    {t(`第 ${r.seq} 项记录`, `entry ${r.seq}`)} {r.entryHash ? shortHash(r.entryHash) : ''}
                  </Link>
                ),
              },
            ]}
          />
        </ScrollRegion>
      )}
      {pages.hasNextPage && (
        <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage} data-testid="accountability-more">
          {t('加载更多', 'More')}
        </Button>
      )}
    </Space>
  );
}
