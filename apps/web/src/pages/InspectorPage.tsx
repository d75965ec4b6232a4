import { CheckCircleTwoTone, CloseCircleTwoTone, DownloadOutlined, MinusCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, List, Result, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { VERIFICATION_CHECKS } from '../../../../libs/record/checks';
import type { RecordHistoryRow } from '../../../../libs/record/history-join';
import { apiGet, enc } from '../api/client';
import type { BundleVerdict } from '../api/types';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { saveJson } from '../download';
import { actionText, dayTime, roleText } from '../format';

type CheckState = 'passed' | 'failed' | 'unchecked';

/** Each check's outcome: all pass with an OK verdict; otherwise the verifier stopped at the failed one. */
function checkStates(v: BundleVerdict): CheckState[] {
  if (v.ok) return VERIFICATION_CHECKS.map(() => 'passed');
  const failed = VERIFICATION_CHECKS.findIndex((c) => c.id === v.check);
  return VERIFICATION_CHECKS.map((_, i) => (i < failed ? 'passed' : i === failed ? 'failed' : 'unchecked'));
}

/** 核查: an inspector looks a decision up, verifies its whole record in one click, and takes the bundle away to verify offline. */
export function InspectorPage() {
  const { id: routeId } = useParams();
  const navigate = useNavigate();
  const [id, setId] = useState(routeId ?? '');
  const verify = useMutation({ mutationFn: (decisionId: string) => apiGet<BundleVerdict>(`/decisions/${enc(decisionId)}/verify`) });
  const bundle = useMutation({
    mutationFn: async (decisionId: string) => {
      saveJson(`bundle-${decisionId}.json`, await apiGet(`/decisions/${enc(decisionId)}/bundle`));
    },
  });
  const keys = useMutation({
    mutationFn: async () => {
      const [systemKeys, registrarKeys] = await Promise.all([apiGet<unknown[]>('/system-keys'), apiGet<unknown[]>('/registrar-keys')]);
      saveJson('trusted-keys.json', { systemKeys, registrarKeys });
    },
  });
  useEffect(() => setId(routeId ?? ''), [routeId]);
  const current = routeId ?? '';
  const verdict = verify.data;
  const states = verdict ? checkStates(verdict) : undefined;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>核查</Typography.Title>
      <Typography.Paragraph type="secondary">
        核验决策记录的完整性：检查点签名、哈希链、系统封印、经办人签名、全局日志包含证明，并按同一程序规则重放全部步骤、与工作流历史比对。
      </Typography.Paragraph>
      <Card>
        <Input.Search
          aria-label="决策编号"
          placeholder="决策编号，例如 SZ-2026-0001"
          enterButton="查找"
          value={id}
          onChange={(e) => setId(e.target.value)}
          onSearch={(v) => {
            verify.reset();
            if (v.trim()) navigate(`/inspect/${enc(v.trim())}`);
          }}
          style={{ maxWidth: 520 }}
        />
      </Card>
      {current && (
        <Card
          title={
            <span>
              决策 <Link to={`/decisions/${enc(current)}`}>{current}</Link>
            </span>
          }
        >
          <Space wrap>
            <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate(current)} data-testid="verify">
              核验
            </Button>
            <Button icon={<DownloadOutlined />} loading={bundle.isPending} onClick={() => bundle.mutate(current)}>
              下载核验包
            </Button>
            <Button icon={<DownloadOutlined />} loading={keys.isPending} onClick={() => keys.mutate()}>
              下载系统公钥与登记员公钥
            </Button>
          </Space>
          <div style={{ marginTop: 16 }}>
            <ApiErrorAlert error={verify.error ?? bundle.error ?? keys.error} />
          </div>
          {verdict && states && (
            <div data-testid="verdict" style={{ marginTop: 8 }}>
              {verdict.ok ? (
                <Result
                  status="success"
                  title={<span data-testid="verdict-title">核验通过（OK）</span>}
                  subTitle={`共 ${verdict.entries} 条记录，全局日志大小 ${verdict.treeSize}${verdict.pending ? `；其中 ${verdict.pending} 条在最近的检查点之后登记，尚无包含证明，下一检查点签署后可再次核验` : ''}`}
                />
              ) : (
                <Result status="error" title={<span data-testid="verdict-title">核验未通过</span>} subTitle={verdict.failure} />
              )}
              <List
                bordered
                size="small"
                dataSource={VERIFICATION_CHECKS.map((c, i) => ({ ...c, state: states[i] }))}
                renderItem={(c) => (
                  <List.Item data-testid={`check-${c.id}`} data-state={c.state}>
                    <Space>
                      {c.state === 'passed' ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : c.state === 'failed' ? <CloseCircleTwoTone twoToneColor="#ff4d4f" /> : <MinusCircleOutlined style={{ color: '#999' }} />}
                      <span>{c.zh}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {c.en}
                      </Typography.Text>
                    </Space>
                    <Typography.Text type={c.state === 'failed' ? 'danger' : 'secondary'}>
                      {c.state === 'passed' ? (c.id === 'inclusion' && verdict.ok && verdict.pending ? `通过（${verdict.pending} 条待证明）` : '通过') : c.state === 'failed' ? '不符' : '未核验（在第一处不符时停止）'}
                    </Typography.Text>
                  </List.Item>
                )}
              />
              {verdict.ok && verdict.texts?.length ? (
                <List
                  style={{ marginTop: 16 }}
                  bordered
                  size="small"
                  header="文本链：经审查的文本 → 通过的文本 → 公布的文本（第二十五条、第三十条、第三十二条）"
                  dataSource={verdict.texts}
                  renderItem={(t) => (
                    <List.Item data-testid={`texts-${t.cycle}`}>
                      <Space orientation="vertical" size={0}>
                        <span>第 {t.cycle} 轮</span>
                        <Typography.Text code>经合法性审查 {t.reviewed ?? '—'}</Typography.Text>
                        <Typography.Text code>
                          {t.outcome === 'adopt_with_changes' ? '修改后通过' : '通过'} {t.adopted ?? '（本决策开始时尚未记录）'}
                        </Typography.Text>
                        {t.changesReviewed && (
                          <Typography.Text code>
                            补充合法性审查（{t.changesReviewed.outcome === 'lawful' ? '合法' : '不合法'}）{t.changesReviewed.textHash}
                          </Typography.Text>
                        )}
                        <Typography.Text code>公布 {t.published ?? '（尚未公布）'}</Typography.Text>
                        {t.adoptionExplanation && <Typography.Text code>意见采纳情况说明 {t.adoptionExplanation}</Typography.Text>}
                      </Space>
                    </List.Item>
                  )}
                />
              ) : null}
            </div>
          )}
          <RecordAndHistory decisionId={current} />
          <Alert
            style={{ marginTop: 16 }}
            type="info"
            showIcon
            title="离线核验"
            description={
              <>
                <Typography.Paragraph style={{ marginBottom: 8 }}>
                  下载核验包后，可在不连接本系统的计算机上核验。可信公钥应取自政府公布的渠道；此处下载的公钥仅供比对。
                </Typography.Paragraph>
                <Typography.Text code copyable data-testid="offline-command">
                  {`node dist/infra/verify-bundle.js bundle-${current}.json trusted-keys.json`}
                </Typography.Text>
              </>
            }
          />
        </Card>
      )}
    </Space>
  );
}

const short = (h: string | null | undefined) => (h ? `${h.slice(0, 15)}…` : '—');

/**
 * 记录与工作流历史逐条对照: each entry of the record beside its place in the
 * Temporal history: the update that carried the signed step (its id is the
 * step's idempotency key) and the activity that stored it, with event numbers
 * and times, as the verifier's history-match check reads them.
 */
function RecordAndHistory({ decisionId }: { decisionId: string }) {
  const rows = useQuery({ queryKey: ['record-history', decisionId], queryFn: () => apiGet<RecordHistoryRow[]>(`/decisions/${enc(decisionId)}/record-history`), retry: false });
  if (rows.error) return <ApiErrorAlert error={rows.error} />;
  return (
    <Table<RecordHistoryRow>
      style={{ marginTop: 16 }}
      size="small"
      bordered
      rowKey="seq"
      loading={rows.isLoading}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      dataSource={rows.data ?? []}
      title={() => '记录与工作流历史逐条对照'}
      data-testid="record-history"
      columns={[
        { title: '序号', dataIndex: 'seq', width: 60 },
        { title: '步骤', render: (_, r) => actionText(r.action) },
        { title: '经办人', render: (_, r) => `${r.actor.name}（${roleText(r.actor.role)}${r.office ? `，${r.office}` : ''}）` },
        { title: '记录时间', render: (_, r) => dayTime(r.at) },
        { title: '记录哈希', render: (_, r) => <Typography.Text code>{short(r.entryHash)}</Typography.Text> },
        {
          title: '工作流更新（请求）',
          render: (_, r) =>
            r.history?.updateId ? (
              <span>
                事件 {r.history.updateAcceptedEventId}，{dayTime(r.history.updateAcceptedAt)}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.history.updateId}
                </Typography.Text>
              </span>
            ) : (
              <Typography.Text type="secondary">{r.action === 'register' ? '工作流启动' : r.history ? '工作流自行记录' : '—'}</Typography.Text>
            ),
        },
        {
          title: '记录活动',
          render: (_, r) =>
            r.history ? (
              <span data-state={r.history.completedEventId ? 'completed' : 'scheduled'}>
                事件 {r.history.scheduledEventId} → {r.history.completedEventId ?? '（未完成）'}，{dayTime(r.history.completedAt)}
              </span>
            ) : (
              <Typography.Text type={r.action === 'archiveHistory' ? 'secondary' : 'danger'}>{r.action === 'archiveHistory' ? '运行结束后归档' : '工作流历史中没有对应事件'}</Typography.Text>
            ),
        },
      ]}
    />
  );
}
