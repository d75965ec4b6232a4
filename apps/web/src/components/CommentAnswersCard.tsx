import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { CommentAnswersSummary, CommentCluster, CommentListItem } from '../../../../libs/domain';
import { apiGet, apiPut, enc } from '../api/client';
import { t } from '../i18n';
import { ApiErrorAlert } from './ApiErrorAlert';
import { DocumentField } from './DocumentField';

const HASH = /^(sha256|sm3):[0-9a-f]{64}$/;

/**
 * 意见答复: the undertaking unit works through the public's comments before
 * the adoption report (Art. 18): near-identical comments shown once per
 * cluster, each cluster (or every comment still unanswered) answered by a
 * group in one click, and, once all are answered, the summary the report
 * signs filled into the form (`onFill`).
 */
export function CommentAnswersCard({ decisionId, onFill }: { decisionId: string; onFill: (summary: CommentAnswersSummary) => void }) {
  const client = useQueryClient();
  const [group, setGroup] = useState('');
  const base = `/decisions/${enc(decisionId)}`;
  const summary = useQuery({ queryKey: ['comment-answers', decisionId], queryFn: () => apiGet<CommentAnswersSummary>(`${base}/comment-answers`), retry: false });
  const clusters = useQuery({ queryKey: ['comment-clusters', decisionId], queryFn: () => apiGet<CommentCluster[]>(`${base}/comment-clusters?limit=20`), retry: false, enabled: summary.isSuccess });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['comment-answers', decisionId] });
    void client.invalidateQueries({ queryKey: ['comment-clusters', decisionId] });
  };
  // Answered only as read: the cluster's count goes with it, and one grown since is refused (409) to be read again.
  const answerCluster = useMutation({ mutationFn: (c: CommentCluster) => apiPut(`${base}/comment-answers`, { groupHash: group, cluster: c.cluster, expectedCount: c.count, expectedMembers: c.members }), onSuccess: refresh });
  /** Every comment still unanswered, page by page (the API takes a thousand receipts at a time). */
  const answerRest = useMutation({
    mutationFn: async () => {
      for (;;) {
        const page = await apiGet<CommentListItem[]>(`${base}/comments?unanswered=true&limit=500`);
        if (!page.length) return;
        await apiPut(`${base}/comment-answers`, { groupHash: group, receipts: page.map((c) => c.receipt) });
      }
    },
    onSuccess: refresh,
  });
  if (summary.error) return <ApiErrorAlert error={summary.error} />;
  const s = summary.data;
  if (!s) return null;
  const groupOk = HASH.test(group);
  return (
    <Card size="small" title={t('公众意见答复', 'Answers to the public comments')} data-testid="comment-answers">
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('收到意见', 'received')}>{s.received}</Descriptions.Item>
        <Descriptions.Item label={t('已答复', 'answered')}>{s.answered}</Descriptions.Item>
        <Descriptions.Item label={t('未答复', 'unanswered')}>
          <Typography.Text type={s.unanswered ? 'danger' : undefined} data-testid="comments-unanswered">
            {s.unanswered}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('不同内容', 'distinct texts')}>{s.intake.distinctTexts}</Descriptions.Item>
        <Descriptions.Item label={t('重复提交（已合并）', 'sent again (folded)')}>{s.intake.folded}</Descriptions.Item>
        <Descriptions.Item label={t('因频率限制未受理', 'turned away by the rate limit')}>{s.intake.rateLimited}</Descriptions.Item>
      </Descriptions>
      {s.reported ? (
        <Alert type="info" showIcon title={t('意见研究采纳情况已提交，答复已载入记录。', 'The adoption report is recorded with its answers.')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {/* The group's response is a document the report names: chosen as a file, hashed here and stored (POST /documents), as the API requires (Art. 33). */}
          <Typography.Text>{t('答复分组：该组意见的答复说明文件', 'The group answering: the file of its response')}</Typography.Text>
          <DocumentField value={group || undefined} onChange={(hash) => setGroup(hash ?? '')} testId="answer-group" />
          <Table<CommentCluster>
            size="small"
            rowKey="cluster"
            pagination={false}
            dataSource={clusters.data ?? []}
            // What one response will answer, read before answering: the cluster's comments, a page of them.
            expandable={{ expandedRowRender: (c) => <ClusterMembers base={base} cluster={c.cluster} />, rowExpandable: (c) => c.texts > 1 }}
            columns={[
              { title: t('相似意见', 'similar comments'), render: (_, c) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>{c.sample.text}</Typography.Paragraph> },
              { title: t('条数', 'count'), dataIndex: 'count', width: 70 },
              { title: t('不同文本', 'texts'), dataIndex: 'texts', width: 80 },
              { title: t('未答复', 'unanswered'), dataIndex: 'unanswered', width: 70 },
              {
                title: '',
                width: 110,
                render: (_, c) => (
                  <Button size="small" disabled={!groupOk || !c.unanswered} loading={answerCluster.isPending && answerCluster.variables?.cluster === c.cluster} onClick={() => answerCluster.mutate(c)}>
                    {t('以该分组答复', 'answer with the group')}
                  </Button>
                ),
              },
            ]}
          />
          <Space wrap>
            <Button disabled={!groupOk || !s.unanswered} loading={answerRest.isPending} onClick={() => answerRest.mutate()} data-testid="answer-rest">
              {t('其余未答复意见归入该分组', 'answer every remaining comment with the group')}
            </Button>
            <Button type="primary" disabled={!s.commentsAnswered} onClick={() => onFill(s)} data-testid="fill-answers">
              {t('按答复汇总填入报告', 'fill the report from the answers')}
            </Button>
          </Space>
          {(answerCluster.error || answerRest.error) && <ApiErrorAlert error={answerCluster.error ?? answerRest.error} />}
        </Space>
      )}
    </Card>
  );
}

/** The comments of one cluster, the first page of them, each text as sent: near-identical texts may still differ in what they ask. */
function ClusterMembers({ base, cluster }: { base: string; cluster: string }) {
  const members = useQuery({ queryKey: ['comment-cluster', base, cluster], queryFn: () => apiGet<CommentListItem[]>(`${base}/comments?cluster=${enc(cluster)}&limit=50`), retry: false });
  if (members.error) return <ApiErrorAlert error={members.error} />;
  return (
    <Table<CommentListItem>
      size="small"
      rowKey="receipt"
      pagination={false}
      loading={members.isLoading}
      dataSource={members.data ?? []}
      data-testid="cluster-members"
      columns={[
        { title: t('意见', 'comment'), render: (_, m) => <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ marginBottom: 0 }}>{m.text}</Typography.Paragraph> },
        { title: t('答复分组', 'answered by'), width: 110, render: (_, m) => (m.groupHash ? t('已答复', 'answered') : t('未答复', 'unanswered')) },
      ]}
    />
  );
}
