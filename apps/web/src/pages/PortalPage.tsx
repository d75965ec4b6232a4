import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, List, Result, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { AdoptionReportView, CatalogItemView, CommentReceipt, CommentTrace, ConsultationView, HearingNoticeView, PublishedDecisionView } from '../../../../libs/domain';
import { ApiError, apiGet, apiGetPages, apiPost, enc } from '../api/client';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { CatalogTruncated } from '../components/CatalogTruncated';
import { copyLabels } from '../components/copy';
import { ScrollRegion } from '../components/ScrollRegion';
import { Hash } from '../components/Hash';
import { day, dayTime } from '../format';
import { t } from '../i18n';
import { useMe } from '../identity';
import { visibleText } from '../forms/rules';
import { INTERPRETATION_FORM_LABELS } from '../forms/step-forms';
import { PageTitle } from '../components/PageTitle';

const RESPONSE_TEXT = { adopted: t('采纳', 'adopted'), partly_adopted: t('部分采纳', 'partly adopted'), not_adopted: t('不予采纳', 'not adopted') } as const;
/** A list of data (channels) joined as the reader writes lists. */
const joined = (xs: readonly string[]) => xs.join(t('、', ', '));
const RESPONSE_COLOR = { adopted: 'green', partly_adopted: 'gold', not_adopted: 'default' } as const;

/** 公众参与: the published catalog, drafts open for comment, the comment form with its receipt, and receipt lookup. No sign-in. */
export function PortalPage() {
  const catalog = useQuery({ queryKey: ['catalog'], queryFn: () => apiGetPages<CatalogItemView>('/catalog-items') });
  const consultations = useQuery({ queryKey: ['consultations'], queryFn: () => apiGet<ConsultationView[]>('/consultations') });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{t('公众参与', 'Public participation')}</PageTitle>
      <Typography.Paragraph type="secondary">
        {t(
          '决策承办单位应当向社会公开征求意见（《重大行政决策程序暂行条例》第十四条、第十五条）。您可以在此阅读正在征求意见的决策草案，提交意见并取得回执，日后凭回执查询意见的采纳情况（第十八条）。',
          'The undertaking unit puts its draft out for public comment (Interim Regulations on Major Administrative Decision-making Procedures, Arts. 14 and 15). Here you can read the drafts open for comment, send a comment and get a receipt, and later look up with the receipt how your comment was answered (Art. 18).',
        )}
      </Typography.Paragraph>

      <Card title={t('正在公开征求意见的决策草案', 'Drafts open for public comment')} data-testid="consultations">
        <ApiErrorAlert error={consultations.error} />
        {consultations.data && !consultations.data.length && <Empty description={t('目前没有正在征求意见的决策草案', 'No draft is open for comment now')} />}
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {consultations.data?.map((c) => <Consultation key={c.decisionId} c={c} />)}
        </Space>
      </Card>

      <PublishedDecisions />

      <ReceiptLookup />

      <Card title={t('重大行政决策事项目录', 'Catalog of major administrative decisions')} data-testid="catalog">
        <ApiErrorAlert error={catalog.error} />
        <CatalogTruncated more={catalog.data?.more} shown={catalog.data?.items.length} />
        <ScrollRegion label={t('决策事项目录表（可横向滚动）', 'Catalog table (scrolls sideways)')} minWidth={720}>
          <Table<CatalogItemView>
            rowKey="ref"
            loading={catalog.isLoading}
            dataSource={catalog.data?.items}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: t('目录编号', 'Catalog no.'), dataIndex: 'ref' },
              { title: t('年度', 'Year'), dataIndex: 'year', width: 80 },
              { title: t('决策事项', 'Matter'), dataIndex: 'title' },
              { title: t('决策机关', 'Deciding organ'), dataIndex: 'organName', render: (name: string | null, item: CatalogItemView) => name ?? item.organ },
              { title: t('党委同意', 'Party committee consent'), dataIndex: 'partyConsentRef' },
              { title: t('公布日期', 'Published'), dataIndex: 'publishedAt', render: (v: string) => day(v) },
              { title: t('调整说明', 'Adjustment'), dataIndex: 'adjustmentReason', render: (v: string | null) => v ?? '—' },
            ]}
          />
        </ScrollRegion>
      </Card>
    </Space>
  );
}

function Consultation({ c }: { c: ConsultationView }) {
  const [form] = Form.useForm<{ text: string }>();
  const [receipt, setReceipt] = useState<CommentReceipt>();
  // The receipt, once there, takes the focus: a keyboard or screen-reader user is told at once, where they are.
  const shown = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (receipt) shown.current?.focus();
  }, [receipt]);
  const submit = useMutation({
    mutationFn: (text: string) => apiPost<CommentReceipt>(`/decisions/${enc(c.decisionId)}/comments`, { text, channel: 'website' }),
    // The receipt shown is the last comment's: a comment refused after one received showed the earlier receipt under
    // its refusal, as if it had been received (fresh-eyes tester); refused at its field too (onFinishFailed, retest).
    onMutate: () => setReceipt(undefined),
    onSuccess: (r) => {
      setReceipt(r);
      form.resetFields();
    },
  });
  return (
    <Card type="inner" title={c.title} extra={<StaffLink decisionId={c.decisionId} label={t('决策详情', 'Decision details')} />} data-testid={`consultation-${c.decisionId}`}>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { label: t('决策编号', 'Decision no.'), children: c.decisionId },
          { label: t('决策承办单位', 'Undertaking unit'), children: c.undertakingDepartmentName },
          {
            label: t('征求意见期限', 'Comment period'),
            children: (
              <span>
                {day(c.openedAt)} {t('至', 'to')} <Typography.Text strong>{day(c.lastDay)}</Typography.Text>
                {t(`（${c.days} 日）`, ` (${c.days} days)`)}
                {c.shortenedReason && <Tag color="orange">{t('缩短理由：', 'Shortened because: ')}{c.shortenedReason}</Tag>}
              </span>
            ),
          },
          { label: t('公开渠道', 'Channels'), children: joined(c.channels) },
          { label: t(`决策草案（第 ${c.draftVersion} 稿）`, `Draft (version ${c.draftVersion})`), children: <Hash value={c.documentHash} what={{ zh: '决策草案', en: 'the draft' }} download publicly testId="draft-hash" /> },
          { label: t('起草说明', 'Explanatory note'), children: <Hash value={c.explanationHash} what={{ zh: '起草说明', en: 'the explanatory note' }} download publicly testId="explanation-hash" /> },
          ...c.alternatives.map((a, i) => ({ label: `${t(`备选方案${i + 1}：`, `Alternative ${i + 1}: `)}${a.title}`, children: <Hash value={a.documentHash} what={{ zh: `备选方案${i + 1}`, en: `alternative ${i + 1}` }} download publicly /> })),
          ...(c.comparisonHash ? [{ label: t('方案比较说明', 'Comparison of the alternatives'), children: <Hash value={c.comparisonHash} what={{ zh: '方案比较说明', en: 'the comparison of the alternatives' }} download publicly /> }] : []),
        ]}
      />
      <Hearings decisionId={c.decisionId} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {t('文件以其 SHA-256 哈希值标识，下载后可自行计算核对（例如 ', 'Each document is named by its SHA-256 hash: download it and check the hash yourself (for example ')}
        <Typography.Text code>{t('sha256sum 文件名', 'sha256sum file')}</Typography.Text>
        {t('）。', ').')}
      </Typography.Paragraph>
      <Form form={form} name={`comment-${c.decisionId}`} layout="vertical" onFinish={(v) => submit.mutate(v.text)} onFinishFailed={() => setReceipt(undefined)} style={{ marginTop: 8 }}>
        {/* Counted, not cut: maxLength dropped what was pasted past 5000 characters without a word (fresh-eyes tester). */}
        <Form.Item name="text" label={t('您的意见', 'Your comment')} rules={[{ required: true, whitespace: true, message: t('请填写意见', 'Please write your comment') }, { max: 5000, message: t('意见不超过 5000 字，请删减后提交（超出部分不会被截去）', 'At most 5000 characters: please shorten it (nothing is cut off for you)') }, { validator: visibleText(t('意见', 'The comment')) }]}>
          <Input.TextArea rows={4} count={{ show: true, max: 5000 }} placeholder={t('请写下您对决策草案的意见和建议', 'Your comments and suggestions on the draft')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submit.isPending}>
          {t('提交意见', 'Send comment')}
        </Button>
      </Form>
      <div style={{ marginTop: 12 }}>
        <ApiErrorAlert error={submit.error} />
        {receipt && (
          <div ref={shown} tabIndex={-1} role="status" className="receipt" data-testid="receipt">
            <Result
              status="success"
              title={t('意见已收到', 'Comment received')}
              subTitle={t(`提交时间 ${dayTime(receipt.submittedAt)}；征求意见截止至 ${day(c.lastDay)}（当日24时）`, `Sent ${dayTime(receipt.submittedAt)}; comments close at the end of ${day(c.lastDay)}`)}
              extra={
                <div>
                  <Typography.Paragraph>{t('请保存您的回执，凭回执可查询意见的研究采纳情况：', 'Keep your receipt: with it you can look up how your comment was answered:')}</Typography.Paragraph>
                  <Typography.Text code copyable={copyLabels('回执编号', 'the receipt number')} data-testid="receipt-value">
                    {receipt.receipt}
                  </Typography.Text>
                </div>
              }
            />
          </div>
        )}
      </div>
    </Card>
  );
}

/**
 * The hearings announced on the draft (Art. 16 paras 2–3): time, place, how the participants are selected, then who
 * they are. None announced: nothing shown (the API answers 404, as for a decision the public cannot see).
 */
function Hearings({ decisionId }: { decisionId: string }) {
  const hearings = useQuery({
    queryKey: ['hearings', decisionId],
    queryFn: () => apiGet<HearingNoticeView[]>(`/decisions/${enc(decisionId)}/hearings`).catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? [] : Promise.reject(e))),
  });
  if (!hearings.data?.length && !hearings.error) return null;
  return (
    <div style={{ marginTop: 12 }} data-testid={`hearings-${decisionId}`}>
      <Typography.Title level={5}>{t('听证会', 'Hearings')}</Typography.Title>
      <ApiErrorAlert error={hearings.error} />
      {hearings.data?.map((x) => (
        <Descriptions
          key={x.hearingId}
          column={1}
          size="small"
          bordered
          style={{ marginBottom: 8 }}
          items={[
            { label: t('听证会编号', 'Hearing'), children: x.hearingId },
            {
              label: t('时间', 'Time'),
              children: (
                <span>
                  {dayTime(x.date)}
                  {x.held && <Tag color="green" style={{ marginLeft: 8 }}>{t('已举行', 'held')}</Tag>}
                  {x.cancelled && <Tag style={{ marginLeft: 8 }}>{t('不再举行', 'will not take place')}</Tag>}
                </span>
              ),
            },
            ...(x.cancellationReason ? [{ label: t('取消理由', 'Why called off'), children: x.cancellationReason }] : []),
            { label: t('地点', 'Place'), children: x.online ? `${x.place}${t('（网络听证）', ' (online)')}` : x.place },
            ...(x.organisedBy ? [{ label: t('组织单位', 'Organised by'), children: x.organisedBy }] : []),
            { label: t('听证参加人遴选办法', 'How the participants are selected'), children: <Hash value={x.selectionMethodHash} what={{ zh: '听证参加人遴选办法', en: 'the selection method' }} download publicly /> },
            {
              label: t('听证参加人', 'Participants'),
              children: x.participants ? joined(x.participants.map((p) => p.name)) : <Typography.Text type="secondary">{t('按公布的遴选办法遴选后公布名单', 'named once selected by the method announced')}</Typography.Text>,
            },
            { label: t('公布时间', 'Announced'), children: dayTime(x.announcedAt) },
          ]}
        />
      ))}
    </div>
  );
}

/** Where a published decision stands (Art. 37), in words and colour. */
function Standing({ standing, suspendedSince }: Pick<PublishedDecisionView, 'standing' | 'suspendedSince'>) {
  const [color, text] = {
    suspended: ['volcano', suspendedSince ? t(`自${day(suspendedSince)}起中止执行`, `Execution suspended since ${day(suspendedSince)}`) : t('已中止执行', 'Execution suspended')],
    in_force: ['green', t('现行有效', 'In force')],
    adjusting: ['gold', t('正在依法调整，调整决定公布前继续执行', 'Being adjusted; in force until the change is published')],
    terminated: ['red', t('已依法停止执行', 'Execution stopped by the statutory procedure')],
    changed_withheld: ['orange', t('已依法调整，调整决定依法不予公开；下列为调整前公布的决定', 'Changed by the statutory procedure, the change withheld from the public by law; shown as published before')],
  }[standing];
  return <Tag color={color} data-testid="standing">{text}</Tag>;
}

/** 已公布的决策 (Art. 32): each with its published document's hash and, where the draft was put out for comment, how the comments were answered (Art. 18). */
function PublishedDecisions() {
  const published = useQuery({ queryKey: ['published-decisions'], queryFn: () => apiGet<PublishedDecisionView[]>('/published-decisions') });
  return (
    <Card title={t('已公布的重大行政决策', 'Published decisions')} data-testid="published">
      <ApiErrorAlert error={published.error} />
      {published.data && !published.data.length && <Empty description={t('目前没有已公布的决策', 'No decision has been published yet')} />}
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {published.data?.map((d) => (
          <Card type="inner" key={d.decisionId} title={d.title} data-testid={`published-${d.decisionId}`}>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { label: t('决策编号', 'Decision no.'), children: d.decisionId },
                { label: t('执行状态', 'Standing'), children: <Standing standing={d.standing} suspendedSince={d.suspendedSince} /> },
                { label: t('决策承办单位', 'Undertaking unit'), children: d.undertakingDepartmentName },
                { label: t('公布日期', 'Published'), children: day(d.publishedAt) },
                { label: t('公布途径', 'Published through'), children: joined(d.channels) },
                // Art. 32: the gazette's issue and the press, recorded as each carried it.
                ...(d.furtherPublications.length
                  ? [{ label: t('其后公布途径', 'Published since through'), children: <span data-testid="further-publications">{d.furtherPublications.map((f) => `${joined(f.channels)}${f.reference ? t(`（${f.reference}）`, ` (${f.reference})`) : ''}${t('，', ', ')}${day(f.at)}`).join(t('；', '; '))}</span> }]
                  : []),
                { label: t('决策文件', 'Decision document'), children: <Hash value={d.documentHash} what={{ zh: '决策文件', en: 'the decision document' }} download publicly testId="published-hash" /> },
                {
                  label: t('公众意见采纳情况', 'How public comments were answered'),
                  children: d.adoptionReport ? (
                    <AdoptionReport report={d.adoptionReport} />
                  ) : (
                    <Typography.Text type="secondary">{t('未公开征求意见，或尚无意见采纳情况报告', 'Not put out for comment, or no adoption report yet')}</Typography.Text>
                  ),
                },
                // Art. 32: published with the decision where the public or experts were heard, and its explanation since.
                ...(d.adoptionExplanationHash
                  ? [{ label: t('公众意见、专家论证意见采纳情况的说明', 'How the public’s and experts’ opinions were adopted'), children: <Hash value={d.adoptionExplanationHash} what={{ zh: '采纳情况说明', en: 'the explanation of adoption' }} download publicly testId="adoption-explanation-hash" /> }]
                  : []),
                ...(d.interpretations.length
                  ? [{
                      label: t('宣传解读', 'Explained to the public'),
                      children: (
                        <Space orientation="vertical" size={4} data-testid="interpretations">
                          {d.interpretations.map((i) => (
                            <span key={i.recordHash}>
                              {day(i.at)} {i.description ?? INTERPRETATION_FORM_LABELS[i.form as keyof typeof INTERPRETATION_FORM_LABELS] ?? i.form}：<Hash value={i.recordHash} what={{ zh: '解读记录', en: 'the record' }} download publicly />
                            </span>
                          ))}
                        </Space>
                      ),
                    }]
                  : []),
              ]}
            />
          </Card>
        ))}
      </Space>
    </Card>
  );
}

/** 公众意见采纳情况 (Art. 18): the report's hash, and each group of comments with its response and reason. */
function AdoptionReport({ report }: { report: AdoptionReportView }) {
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="adoption-report">
      <span>
        {t(`针对决策草案第 ${report.draftVersion} 稿，${day(report.submittedAt)}提交`, `On draft version ${report.draftVersion}, submitted ${day(report.submittedAt)}`)}
      </span>
      <Hash value={report.reportHash} what={{ zh: '意见研究采纳情况报告', en: 'the adoption report' }} download publicly testId="adoption-report-hash" />
      <List
        size="small"
        dataSource={report.groups}
        renderItem={(g) => (
          <List.Item data-testid="adoption-group">
            <Space wrap>
              <Tag color={RESPONSE_COLOR[g.response]}>{RESPONSE_TEXT[g.response]}</Tag>
              {g.comments !== null && <span data-testid="adoption-group-count">{t(`答复意见 ${g.comments} 条`, `${g.comments} comment(s) answered`)}</span>}
              {g.reason && <span>{t('理由：', 'Reason: ')}{g.reason}</span>}
            </Space>
          </List.Item>
        )}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('提交过意见的，可凭回执在下方查询本人意见所在的分组及采纳情况。', 'If you commented, look up below with your receipt which group your comment is in and how it was answered.')}
      </Typography.Text>
    </Space>
  );
}

function ReceiptLookup() {
  const [receipt, setReceipt] = useState('');
  const trace = useQuery({
    queryKey: ['receipt', receipt],
    queryFn: () => apiGet<CommentTrace>(`/comments/${enc(receipt)}`),
    enabled: receipt !== '',
  });
  return (
    <Card title={t('回执查询', 'Look up a receipt')} data-testid="receipt-lookup">
      <Input.Search
        placeholder="sha256:…"
        enterButton={t('查询', 'Look up')}
        allowClear
        onSearch={(v) => setReceipt(v.trim())}
        style={{ maxWidth: 720 }}
        aria-label={t('回执', 'Receipt')}
      />
      <div style={{ marginTop: 16 }}>
        <ApiErrorAlert error={trace.error} />
        {trace.data && (
          <Descriptions
            column={1}
            bordered
            size="small"
            data-testid="receipt-trace"
            items={[
              { label: t('决策编号', 'Decision no.'), children: <StaffLink decisionId={trace.data.comment.decisionId} label={trace.data.comment.decisionId} /> },
              { label: t('针对草案', 'On draft'), children: t(`第 ${trace.data.comment.draftVersion} 稿`, `version ${trace.data.comment.draftVersion}`) },
              { label: t('提交时间', 'Sent'), children: dayTime(trace.data.comment.submittedAt) },
              { label: t('意见内容', 'Comment'), children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{trace.data.comment.text}</Typography.Paragraph> },
              {
                label: t('采纳情况', 'Answer'),
                children: trace.data.answer ? (
                  <List size="small">
                    <List.Item>
                      <Tag color={RESPONSE_COLOR[trace.data.answer.response]}>{RESPONSE_TEXT[trace.data.answer.response]}</Tag>
                      {trace.data.answer.reason ?? ''}
                    </List.Item>
                    <List.Item>
                      {t('意见研究采纳情况报告：', 'Adoption report: ')}<Hash value={trace.data.answer.reportHash} what={{ zh: '意见研究采纳情况报告', en: 'the adoption report' }} download publicly />
                    </List.Item>
                  </List>
                ) : (
                  <Alert type="info" showIcon title={t('尚在研究，采纳情况报告提交后可在此查询', 'Still under study: the answer can be looked up here once the adoption report is in')} />
                ),
              },
            ]}
          />
        )}
      </div>
    </Card>
  );
}

/**
 * A decision's page is for the staff signed in (the public's part of it is on this portal): for them a link to it; for
 * the public the decision's no. as text, not a link to a sign-in wall (second fresh-eyes tester).
 */
function StaffLink({ decisionId, label }: { decisionId: string; label: string }) {
  const { me } = useMe();
  if (me?.source !== 'signed-in') return label === decisionId ? <>{label}</> : null;
  return <Link to={`/decisions/${enc(decisionId)}`}>{label}</Link>;
}
