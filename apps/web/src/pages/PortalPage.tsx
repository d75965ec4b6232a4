import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, List, Result, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { AdoptionReportView, CatalogItemView, CommentReceipt, CommentTrace, ConsultationView, PublishedDecisionView } from '../../../../libs/domain';
import { apiGet, apiPost, enc } from '../api/client';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { Hash } from '../components/Hash';
import { day, dayTime } from '../format';

const RESPONSE_ZH = { adopted: '采纳', partly_adopted: '部分采纳', not_adopted: '不予采纳' } as const;
const RESPONSE_COLOR = { adopted: 'green', partly_adopted: 'gold', not_adopted: 'default' } as const;

/** 公众参与: the published catalog, drafts open for comment, the comment form with its receipt, and receipt lookup. No sign-in. */
export function PortalPage() {
  const catalog = useQuery({ queryKey: ['catalog'], queryFn: () => apiGet<CatalogItemView[]>('/catalog-items') });
  const consultations = useQuery({ queryKey: ['consultations'], queryFn: () => apiGet<ConsultationView[]>('/consultations') });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>公众参与</Typography.Title>
      <Typography.Paragraph type="secondary">
        决策承办单位应当向社会公开征求意见（《重大行政决策程序暂行条例》第十四条、第十五条）。您可以在此阅读正在征求意见的决策草案，提交意见并取得回执，日后凭回执查询意见的采纳情况（第十八条）。
      </Typography.Paragraph>

      <Card title="正在公开征求意见的决策草案" data-testid="consultations">
        <ApiErrorAlert error={consultations.error} />
        {consultations.data && !consultations.data.length && <Empty description="目前没有正在征求意见的决策草案" />}
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {consultations.data?.map((c) => <Consultation key={c.decisionId} c={c} />)}
        </Space>
      </Card>

      <PublishedDecisions />

      <ReceiptLookup />

      <Card title="重大行政决策事项目录" data-testid="catalog">
        <ApiErrorAlert error={catalog.error} />
        <Table<CatalogItemView>
          rowKey="ref"
          loading={catalog.isLoading}
          dataSource={catalog.data}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '目录编号', dataIndex: 'ref' },
            { title: '年度', dataIndex: 'year', width: 80 },
            { title: '决策事项', dataIndex: 'title' },
            { title: '决策机关', dataIndex: 'organ' },
            { title: '党委同意', dataIndex: 'partyConsentRef' },
            { title: '公布日期', dataIndex: 'publishedAt', render: (v: string) => day(v) },
            { title: '调整说明', dataIndex: 'adjustmentReason', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </Space>
  );
}

function Consultation({ c }: { c: ConsultationView }) {
  const [form] = Form.useForm<{ text: string }>();
  const [receipt, setReceipt] = useState<CommentReceipt>();
  const submit = useMutation({
    mutationFn: (text: string) => apiPost<CommentReceipt>(`/decisions/${enc(c.decisionId)}/comments`, { text, channel: 'website' }),
    onSuccess: (r) => {
      setReceipt(r);
      form.resetFields();
    },
  });
  return (
    <Card type="inner" title={c.title} extra={<Link to={`/decisions/${enc(c.decisionId)}`}>决策详情</Link>} data-testid={`consultation-${c.decisionId}`}>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { label: '决策编号', children: c.decisionId },
          { label: '决策承办单位', children: c.undertakingDepartmentName },
          { label: '征求意见期限', children: <span>{day(c.openedAt)} 至 <Typography.Text strong>{day(c.lastDay)}</Typography.Text>（{c.days} 日）{c.shortenedReason && <Tag color="orange">缩短理由：{c.shortenedReason}</Tag>}</span> },
          { label: '公开渠道', children: c.channels.join('、') },
          { label: `决策草案（第 ${c.draftVersion} 稿）`, children: <Hash value={c.documentHash} download publicly testId="draft-hash" /> },
          { label: '起草说明', children: <Hash value={c.explanationHash} download publicly testId="explanation-hash" /> },
          ...c.alternatives.map((a, i) => ({ label: `备选方案${i + 1}：${a.title}`, children: <Hash value={a.documentHash} download publicly /> })),
          ...(c.comparisonHash ? [{ label: '方案比较说明', children: <Hash value={c.comparisonHash} download publicly /> }] : []),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        文件以其 SHA-256 哈希值标识，下载后可自行计算核对（例如 <Typography.Text code>sha256sum 文件名</Typography.Text>）。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v.text)} style={{ marginTop: 8 }}>
        <Form.Item name="text" label="您的意见" rules={[{ required: true, whitespace: true, message: '请填写意见' }, { max: 5000, message: '意见不超过 5000 字' }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder="请写下您对决策草案的意见和建议" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submit.isPending}>
          提交意见
        </Button>
      </Form>
      <div style={{ marginTop: 12 }}>
        <ApiErrorAlert error={submit.error} />
        {receipt && (
          <Result
            status="success"
            title="意见已收到"
            subTitle={`提交时间 ${dayTime(receipt.submittedAt)}；征求意见截止至 ${day(c.lastDay)}（当日24时）`}
            extra={
              <div data-testid="receipt">
                <Typography.Paragraph>请保存您的回执，凭回执可查询意见的研究采纳情况：</Typography.Paragraph>
                <Typography.Text code copyable data-testid="receipt-value">
                  {receipt.receipt}
                </Typography.Text>
              </div>
            }
          />
        )}
      </div>
    </Card>
  );
}

/** 已公布的决策 (Art. 32): each with its published document's hash and, where the draft was put out for comment, how the comments were answered (Art. 18). */
function PublishedDecisions() {
  const published = useQuery({ queryKey: ['published-decisions'], queryFn: () => apiGet<PublishedDecisionView[]>('/published-decisions') });
  return (
    <Card title="已公布的重大行政决策" data-testid="published">
      <ApiErrorAlert error={published.error} />
      {published.data && !published.data.length && <Empty description="目前没有已公布的决策" />}
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {published.data?.map((d) => (
          <Card type="inner" key={d.decisionId} title={d.title} data-testid={`published-${d.decisionId}`}>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { label: '决策编号', children: d.decisionId },
                { label: '决策承办单位', children: d.undertakingDepartmentName },
                { label: '公布日期', children: day(d.publishedAt) },
                { label: '公布途径', children: d.channels.join('、') },
                { label: '决策文件', children: <Hash value={d.documentHash} download publicly testId="published-hash" /> },
                { label: '公众意见采纳情况', children: d.adoptionReport ? <AdoptionReport report={d.adoptionReport} /> : <Typography.Text type="secondary">未公开征求意见，或尚无意见采纳情况报告</Typography.Text> },
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
        针对决策草案第 {report.draftVersion} 稿，{day(report.submittedAt)}提交
      </span>
      <Hash value={report.reportHash} download publicly testId="adoption-report-hash" />
      <List
        size="small"
        dataSource={report.groups}
        renderItem={(g) => (
          <List.Item data-testid="adoption-group">
            <Space wrap>
              <Tag color={RESPONSE_COLOR[g.response]}>{RESPONSE_ZH[g.response]}</Tag>
              {g.comments !== null && <span data-testid="adoption-group-count">答复意见 {g.comments} 条</span>}
              {g.reason && <span>理由：{g.reason}</span>}
            </Space>
          </List.Item>
        )}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        提交过意见的，可凭回执在下方查询本人意见所在的分组及采纳情况。
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
    <Card title="回执查询" data-testid="receipt-lookup">
      <Input.Search
        placeholder="sha256:…"
        enterButton="查询"
        allowClear
        onSearch={(v) => setReceipt(v.trim())}
        style={{ maxWidth: 720 }}
        aria-label="回执"
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
              { label: '决策编号', children: <Link to={`/decisions/${enc(trace.data.comment.decisionId)}`}>{trace.data.comment.decisionId}</Link> },
              { label: '针对草案', children: `第 ${trace.data.comment.draftVersion} 稿` },
              { label: '提交时间', children: dayTime(trace.data.comment.submittedAt) },
              { label: '意见内容', children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{trace.data.comment.text}</Typography.Paragraph> },
              {
                label: '采纳情况',
                children: trace.data.answer ? (
                  <List size="small">
                    <List.Item>
                      <Tag color={RESPONSE_COLOR[trace.data.answer.response]}>{RESPONSE_ZH[trace.data.answer.response]}</Tag>
                      {trace.data.answer.reason ?? ''}
                    </List.Item>
                    <List.Item>
                      意见研究采纳情况报告：<Hash value={trace.data.answer.reportHash} download publicly />
                    </List.Item>
                  </List>
                ) : (
                  <Alert type="info" showIcon title="尚在研究，采纳情况报告提交后可在此查询" />
                ),
              },
            ]}
          />
        )}
      </div>
    </Card>
  );
}
