import { CheckCircleTwoTone, CloseCircleTwoTone, DownloadOutlined, MinusCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, List, Result, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { VERIFICATION_CHECKS } from '../../../../libs/record/checks';
import type { RecordHistoryRow } from '../../../../libs/record/history-join';
import { ApiError, apiGet, enc } from '../api/client';
import type { BundleVerdict } from '../api/types';
import { ApiErrorAlert, bilingualText } from '../components/ApiErrorAlert';
import { copyLabels } from '../components/copy';
import { saveJson } from '../download';
import { actionText, dayTime, roleText } from '../format';
import { lang, t } from '../i18n';
import { PageTitle } from '../components/PageTitle';

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
  // A decision that does not exist, or is not the inspector's to see, is said so, with nothing to verify or download
  // (tester: the page offered the bundle and the offline command for NOPE-404).
  const found = useQuery({ queryKey: ['inspect-decision', current], queryFn: () => apiGet(`/decisions/${enc(current)}`), enabled: !!current, retry: false });
  const missing = found.error instanceof ApiError && found.error.status === 404;
  const verdict = verify.data;
  const states = verdict ? checkStates(verdict) : undefined;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{t('核查', 'Inspect')}</PageTitle>
      <Typography.Paragraph type="secondary">
        {t(
          '核验决策记录的完整性：检查点签名、哈希链、系统封印、经办人签名、全局日志包含证明，并按同一程序规则重放全部步骤、与工作流历史比对。',
          "Verifies a decision's record whole: the checkpoint's signature, the hash chain, the system seals, the actors' signatures and the inclusion proofs in the global log; every step is replayed through the same rules and compared with the workflow history.",
        )}
      </Typography.Paragraph>
      <Card>
        <Input.Search
          aria-label={t('决策编号', 'Decision no.')}
          placeholder={t('决策编号，例如 SZ-2026-0001', 'Decision no., e.g. SZ-2026-0001')}
          enterButton={t('查找', 'Find')}
          value={id}
          onChange={(e) => setId(e.target.value)}
          onSearch={(v) => {
            verify.reset();
            if (v.trim()) navigate(`/inspect/${enc(v.trim())}`);
          }}
          style={{ maxWidth: 520 }}
        />
      </Card>
      {current && missing && (
        <Alert
          type="warning"
          showIcon
          data-testid="inspect-not-found"
          title={t(`未找到决策 ${current}`, `No decision ${current}`)}
          description={t('请核对决策编号；决策不在您任职机构的查看范围内的，也不显示。', 'Check the number; a decision outside the scope of your offices is not shown either.')}
        />
      )}
      {current && !missing && (
        <Card
          title={
            <span>
              {t('决策', 'Decision')} <Link to={`/decisions/${enc(current)}`}>{current}</Link>
            </span>
          }
        >
          <Space wrap>
            <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate(current)} data-testid="verify">
              {t('核验', 'Verify')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={bundle.isPending} onClick={() => bundle.mutate(current)}>
              {t('下载核验包', 'Download the bundle')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={keys.isPending} onClick={() => keys.mutate()}>
              {t('下载系统公钥与登记员公钥', "Download the system's and registrars' public keys")}
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
                  title={<span data-testid="verdict-title">{t('核验通过（OK）', 'Verified (OK)')}</span>}
                  subTitle={t(
                    `共 ${verdict.entries} 条记录，全局日志大小 ${verdict.treeSize}${verdict.pending ? `；其中 ${verdict.pending} 条在最近的检查点之后登记，尚无包含证明，下一检查点签署后可再次核验` : ''}`,
                    `${verdict.entries} entries, global log size ${verdict.treeSize}${verdict.pending ? `; ${verdict.pending} of them logged after the latest checkpoint have no inclusion proof yet: verify again once the next checkpoint is signed` : ''}`,
                  )}
                />
              ) : (
                <Result status="error" title={<span data-testid="verdict-title">{t('核验未通过', 'Verification failed')}</span>} subTitle={bilingualText(verdict.failure)} />
              )}
              <List
                bordered
                size="small"
                dataSource={VERIFICATION_CHECKS.map((c, i) => ({ ...c, state: states[i] }))}
                renderItem={(c) => (
                  <List.Item data-testid={`check-${c.id}`} data-state={c.state}>
                    <Space>
                      {c.state === 'passed' ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : c.state === 'failed' ? <CloseCircleTwoTone twoToneColor="#ff4d4f" /> : <MinusCircleOutlined style={{ color: '#999' }} />}
                      <span>{lang === 'en' ? c.en : c.zh}</span>
                      {lang !== 'en' && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {c.en}
                        </Typography.Text>
                      )}
                    </Space>
                    <Typography.Text type={c.state === 'failed' ? 'danger' : 'secondary'}>
                      {c.state === 'passed'
                        ? c.id === 'inclusion' && verdict.ok && verdict.pending
                          ? t(`通过（${verdict.pending} 条待证明）`, `passed (${verdict.pending} to be proved)`)
                          : t('通过', 'passed')
                        : c.state === 'failed'
                          ? t('不符', 'failed')
                          : t('未核验（在第一处不符时停止）', 'not checked (stopped at the first failure)')}
                    </Typography.Text>
                  </List.Item>
                )}
              />
              {verdict.ok && verdict.texts?.length ? (
                <List
                  style={{ marginTop: 16 }}
                  bordered
                  size="small"
                  header={t('文本链：经审查的文本 → 通过的文本 → 公布的文本（第二十五条、第三十条、第三十二条）', 'The texts: reviewed → adopted → published (Arts. 25, 30, 32)')}
                  dataSource={verdict.texts}
                  renderItem={(x) => (
                    <List.Item data-testid={`texts-${x.cycle}`}>
                      <Space orientation="vertical" size={0}>
                        <span>{t(`第 ${x.cycle} 轮`, `Round ${x.cycle}`)}</span>
                        <Typography.Text code>{t('经合法性审查', 'Reviewed for legality')} {x.reviewed ?? '—'}</Typography.Text>
                        <Typography.Text code>
                          {x.outcome === 'adopt_with_changes' ? t('修改后通过', 'Adopted with changes') : t('通过', 'Adopted')} {x.adopted ?? t('（本决策开始时尚未记录）', '(not yet recorded when this decision began)')}
                        </Typography.Text>
                        {x.changesReviewed && (
                          <Typography.Text code>
                            {t('补充合法性审查', 'Changes reviewed')}{x.changesReviewed.outcome === 'lawful' ? t('（合法）', ' (lawful) ') : t('（不合法）', ' (unlawful) ')}{x.changesReviewed.textHash}
                          </Typography.Text>
                        )}
                        <Typography.Text code>{t('公布', 'Published')} {x.published ?? t('（尚未公布）', '(not yet published)')}</Typography.Text>
                        {x.adoptionExplanation && <Typography.Text code>{t('意见采纳情况说明', 'Explanation of the views adopted')} {x.adoptionExplanation}</Typography.Text>}
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
            title={t('离线核验', 'Verifying offline')}
            description={
              <>
                <Typography.Paragraph style={{ marginBottom: 8 }}>
                  {t(
                    '下载核验包后，可在不连接本系统的计算机上核验。可信公钥应取自政府公布的渠道；此处下载的公钥仅供比对。',
                    "With the bundle downloaded, verify it on a computer not connected to this system. Take the trusted keys from the government's published channels; the keys downloaded here are only for comparison.",
                  )}
                </Typography.Paragraph>
                <Typography.Text code copyable={copyLabels('核验命令', 'the verification command')} data-testid="offline-command">
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
      title={() => t('记录与工作流历史逐条对照', 'The record beside the workflow history, entry by entry')}
      data-testid="record-history"
      columns={[
        { title: t('序号', 'No.'), dataIndex: 'seq', width: 60 },
        { title: t('步骤', 'Step'), render: (_, r) => actionText(r.action) },
        {
          title: t('经办人', 'By'),
          // The signer's whole part in the record, across decisions (责任倒查, Art. 38), one click away.
          render: (_, r) => (
            <Link to={`/accountability/${enc(r.actor.id)}`} title={t(`${r.actor.id} 的责任倒查`, `${r.actor.id}'s accountability`)}>
              {t(`${r.actor.name}（${roleText(r.actor.role)}${r.office ? `，${r.office}` : ''}）`, `${r.actor.name} (${roleText(r.actor.role)}${r.office ? `, ${r.office}` : ''})`)}
            </Link>
          ),
        },
        { title: t('记录时间', 'Recorded'), render: (_, r) => dayTime(r.at) },
        { title: t('记录哈希', 'Entry hash'), render: (_, r) => <Typography.Text code>{short(r.entryHash)}</Typography.Text> },
        {
          title: t('工作流更新（请求）', 'Workflow update (request)'),
          render: (_, r) =>
            r.history?.updateId ? (
              <span>
                {t('事件', 'Event')} {r.history.updateAcceptedEventId}{t('，', ', ')}{dayTime(r.history.updateAcceptedAt)}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.history.updateId}
                </Typography.Text>
              </span>
            ) : (
              <Typography.Text type="secondary">{r.action === 'register' ? t('工作流启动', 'workflow started') : r.history ? t('工作流自行记录', 'recorded by the workflow itself') : '—'}</Typography.Text>
            ),
        },
        {
          title: t('记录活动', 'Recording activity'),
          render: (_, r) =>
            r.history ? (
              <span data-state={r.history.completedEventId ? 'completed' : 'scheduled'}>
                {t('事件', 'Events')} {r.history.scheduledEventId} → {r.history.completedEventId ?? t('（未完成）', '(not completed)')}{t('，', ', ')}{dayTime(r.history.completedAt)}
              </span>
            ) : (
              <Typography.Text type={r.action === 'archiveHistory' ? 'secondary' : 'danger'}>{r.action === 'archiveHistory' ? t('运行结束后归档', 'archived after the run ended') : t('工作流历史中没有对应事件', 'no event in the workflow history')}</Typography.Text>
            ),
        },
      ]}
    />
  );
}
