import { KeyOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Popconfirm, Result, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ACTION_NAMES, Role, ROLES, type ActionName, type ActorKeyView, type Payloads } from '../../../../libs/domain';
import { apiGet, apiPost, enc } from '../api/client';
import type { StepResult } from '../api/types';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { DocumentField } from '../components/DocumentField';
import { actionZh, day, phaseZh, roleZh } from '../format';
import { ed25519Supported, enrol, loadKey, type EnrolledKey } from '../signing/keystore';
import { newIdempotencyKey, signOffText, signText } from '../signing/sign';
import { PAYLOAD_TEMPLATES } from '../signing/templates';

const HUMAN_ROLES = ROLES.filter((r) => r !== Role.System);

/** 签署: the official's key, made and kept in this browser, and the steps they sign with it. */
export function SigningPage() {
  const key = useQuery({ queryKey: ['signing-key'], queryFn: async () => (await loadKey()) ?? null });
  const registered = useQuery({
    queryKey: ['actor-keys', key.data?.actor.id],
    queryFn: () => apiGet<ActorKeyView[]>(`/actor-keys?actorId=${enc(key.data!.actor.id)}`),
    enabled: !!key.data,
  });
  const keyId = registered.data?.find((k) => k.publicKey === key.data?.publicKey && !k.revokedAt)?.keyId;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>签署</Typography.Title>
      <EnrolCard enrolled={key.data ?? undefined} keyId={keyId} refresh={() => void registered.refetch()} checking={registered.isFetching} />
      {key.data && keyId ? (
        <StepCard enrolled={key.data} keyId={keyId} />
      ) : (
        <Alert type="info" showIcon title="签署步骤前，请先生成签名密钥并由登记员背书登记。" />
      )}
    </Space>
  );
}

function EnrolCard({ enrolled, keyId, refresh, checking }: { enrolled?: EnrolledKey; keyId?: string; refresh: () => void; checking: boolean }) {
  const client = useQueryClient();
  const supported = useQuery({ queryKey: ['ed25519'], queryFn: ed25519Supported });
  const [form] = Form.useForm<EnrolledKey['actor']>();
  const make = useMutation({
    mutationFn: (actor: EnrolledKey['actor']) => enrol(actor),
    onSuccess: () => client.invalidateQueries({ queryKey: ['signing-key'] }),
  });
  const request = enrolled && {
    actorId: enrolled.actor.id,
    algorithm: enrolled.algorithm,
    publicKey: enrolled.publicKey,
    validFrom: new Date().toISOString().slice(0, 10) + 'T00:00:00+08:00',
    validTo: `${new Date().getFullYear() + 2}-01-01T00:00:00+08:00`,
  };
  return (
    <Card title={<span><KeyOutlined /> 签名密钥</span>} data-testid="enrolment">
      {supported.data === false && <Alert type="error" showIcon title="此浏览器不支持 Ed25519 签名（WebCrypto），请使用新版浏览器。" />}
      {enrolled && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { label: '经办人', children: `${enrolled.actor.name}（${enrolled.actor.id}）` },
              { label: '角色', children: roleZh(enrolled.actor.role) },
              { label: '单位', children: enrolled.actor.organisation },
              { label: '算法', children: 'Ed25519（私钥在本浏览器内生成，不可导出）' },
              { label: '公钥（十六进制）', children: <Typography.Text code copyable data-testid="public-key">{enrolled.publicKey}</Typography.Text> },
              { label: '生成日期', children: day(enrolled.createdAt) },
              {
                label: '登记状态',
                children: (
                  <Space>
                    {keyId ? <Tag color="green" data-testid="key-status">已登记 {keyId}</Tag> : <Tag color="orange" data-testid="key-status">待登记员背书</Tag>}
                    <Button size="small" icon={<ReloadOutlined />} loading={checking} onClick={refresh}>
                      刷新
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
          {!keyId && request && (
            <Alert
              type="warning"
              showIcon
              title="请将公钥交登记员（人事或认证部门）背书登记"
              description={
                <>
                  <Typography.Paragraph>登记员核实身份后，对以下内容签名并提交登记（本机默认登记员的做法）：</Typography.Paragraph>
                  <Typography.Paragraph>
                    <pre data-testid="enrol-command" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}>
                      {`echo '${JSON.stringify(request)}' \\\n  | node dist/infra/sign.js endorse .data/keys/registrar.json \\\n  | curl -X POST http://127.0.0.1:3000/actor-keys -H 'content-type: application/json' -d @-`}
                    </pre>
                  </Typography.Paragraph>
                </>
              }
            />
          )}
        </Space>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {enrolled ? '重新生成密钥（原密钥将从本浏览器删除）' : '生成签名密钥'}
      </Typography.Title>
      <Form form={form} layout="inline" onFinish={(v) => make.mutate(v)} initialValues={enrolled?.actor} data-testid="enrol-form">
        <Form.Item name="id" label="工号" rules={[{ required: true, message: '请填写工号' }]}>
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select style={{ width: 200 }} options={HUMAN_ROLES.map((r) => ({ value: r, label: roleZh(r) }))} />
        </Form.Item>
        <Form.Item name="organisation" label="单位" rules={[{ required: true, message: '请填写单位' }]}>
          <Input style={{ width: 180 }} />
        </Form.Item>
        <Form.Item>
          {enrolled ? (
            <Popconfirm title="原密钥将被删除且无法恢复，确定重新生成？" onConfirm={() => form.submit()} okText="确定" cancelText="取消">
              <Button danger loading={make.isPending}>
                重新生成
              </Button>
            </Popconfirm>
          ) : (
            <Button type="primary" htmlType="submit" loading={make.isPending}>
              生成密钥
            </Button>
          )}
        </Form.Item>
      </Form>
      <ApiErrorAlert error={make.error} />
    </Card>
  );
}

interface Prepared {
  decisionId: string;
  action: ActionName;
  payload: unknown;
  idempotencyKey: string;
  text: string;
}

type DraftForm = { documentHash?: string; explanationHash?: string; alternatives?: { title?: string; documentHash?: string }[]; comparisonHash?: string; material?: boolean; reason?: string };

/** The submitDraft payload from the form: only what was filled in. */
function draftPayload(v: DraftForm): Payloads['submitDraft'] {
  const alternatives = (v.alternatives ?? []).filter((a) => a?.title || a?.documentHash).map((a) => ({ title: a.title ?? '', documentHash: a.documentHash ?? '' }));
  return {
    documentHash: v.documentHash ?? '',
    explanationHash: v.explanationHash ?? '',
    ...(alternatives.length ? { alternatives } : {}),
    ...(v.comparisonHash ? { comparisonHash: v.comparisonHash } : {}),
    ...(v.material !== undefined && v.reason ? { material: v.material } : {}),
    ...(v.reason ? { reason: v.reason } : {}),
  };
}

function StepCard({ enrolled, keyId }: { enrolled: EnrolledKey; keyId: string }) {
  const [params] = useSearchParams();
  const client = useQueryClient();
  const [decisionId, setDecisionId] = useState(params.get('decision') ?? '');
  const [tab, setTab] = useState<'submitDraft' | 'other'>('submitDraft');
  const [draftForm] = Form.useForm<DraftForm>();
  const [otherAction, setOtherAction] = useState<ActionName>('declareApplicability');
  const [otherPayload, setOtherPayload] = useState(JSON.stringify(PAYLOAD_TEMPLATES.declareApplicability, null, 2));
  const [prepared, setPrepared] = useState<Prepared>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => setDecisionId((d) => d || params.get('decision') || ''), [params]);

  const send = useMutation({
    mutationFn: async (p: Prepared) => {
      const value = await signText(enrolled, p.text);
      return apiPost<StepResult>(`/decisions/${enc(p.decisionId)}/steps`, { action: p.action, actor: enrolled.actor, payload: p.payload, idempotencyKey: p.idempotencyKey, signature: { keyId, value } });
    },
    onSuccess: (_r, p) => {
      void client.invalidateQueries({ queryKey: ['decision', p.decisionId] });
      void client.invalidateQueries({ queryKey: ['timeline', p.decisionId] });
    },
  });

  /** What will be signed: built from the form as it stands, shown whole; any change to the form withdraws it. */
  const prepare = async () => {
    setProblem(undefined);
    send.reset();
    if (!decisionId.trim()) return setProblem('请填写决策编号');
    let action: ActionName;
    let payload: unknown;
    if (tab === 'submitDraft') {
      try {
        await draftForm.validateFields();
      } catch {
        return setProblem('请先补全表单');
      }
      action = 'submitDraft';
      payload = draftPayload(draftForm.getFieldsValue(true));
    } else {
      action = otherAction;
      try {
        payload = JSON.parse(otherPayload);
      } catch {
        return setProblem('步骤内容不是有效的 JSON');
      }
    }
    const idempotencyKey = newIdempotencyKey(decisionId.trim(), action);
    const step = { decisionId: decisionId.trim(), action, actor: enrolled.actor, payload, idempotencyKey };
    setPrepared({ ...step, text: signOffText(step) });
  };
  const withdraw = () => {
    setPrepared(undefined);
  };

  return (
    <Card title="办理步骤" data-testid="step">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <span>决策编号</span>
          <Input
            aria-label="决策编号"
            data-testid="step-decision"
            value={decisionId}
            onChange={(e) => {
              setDecisionId(e.target.value);
              withdraw();
            }}
            style={{ width: 260 }}
          />
          {decisionId && <Link to={`/decisions/${enc(decisionId.trim())}`}>查看决策详情</Link>}
          <Typography.Text type="secondary">
            经办人：{enrolled.actor.name}（{roleZh(enrolled.actor.role)}，{enrolled.actor.organisation}）
          </Typography.Text>
        </Space>
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setTab(k as typeof tab);
            withdraw();
          }}
          items={[
            {
              key: 'submitDraft',
              label: '提交决策草案',
              children: (
                <Form form={draftForm} layout="vertical" onValuesChange={withdraw} data-testid="draft-form" style={{ maxWidth: 760 }}>
                  <Typography.Paragraph type="secondary">第十二条：决策承办单位拟订决策草案；提出两个以上方案的，应当附方案比较说明。文件的哈希值在本浏览器中计算。</Typography.Paragraph>
                  <Form.Item name="documentHash" label="决策草案" rules={[{ required: true, message: '请选择决策草案文件' }]}>
                    <DocumentField testId="draft-document" />
                  </Form.Item>
                  <Form.Item name="explanationHash" label="起草说明" rules={[{ required: true, message: '请选择起草说明文件' }]}>
                    <DocumentField testId="draft-explanation" />
                  </Form.Item>
                  <Form.List name="alternatives">
                    {(fields, { add, remove }) => (
                      <>
                        {fields.map((f, i) => (
                          <Card key={f.key} size="small" title={`备选方案 ${i + 1}`} extra={<a onClick={() => remove(f.name)}>删除</a>} style={{ marginBottom: 12 }}>
                            <Form.Item name={[f.name, 'title']} label="方案名称" rules={[{ required: true, message: '请填写方案名称' }]}>
                              <Input data-testid={`alternative-${i}-title`} />
                            </Form.Item>
                            <Form.Item name={[f.name, 'documentHash']} label="方案文件" rules={[{ required: true, message: '请选择方案文件' }]}>
                              <DocumentField testId={`alternative-${i}-document`} />
                            </Form.Item>
                          </Card>
                        ))}
                        <Button onClick={() => add({})} style={{ marginBottom: 16 }} data-testid="add-alternative">
                          添加备选方案
                        </Button>
                      </>
                    )}
                  </Form.List>
                  <Form.Item name="comparisonHash" label="方案比较说明（两个以上方案时必附）">
                    <DocumentField testId="draft-comparison" />
                  </Form.Item>
                  <Form.Item name="reason" label="修改理由（提交修改稿时填写）">
                    <Input.TextArea rows={2} />
                  </Form.Item>
                  <Form.Item name="material" valuePropName="checked">
                    <Checkbox>属于实质性修改（将重新征求公众意见）</Checkbox>
                  </Form.Item>
                </Form>
              ),
            },
            {
              key: 'other',
              label: '其他步骤',
              children: (
                <Space orientation="vertical" style={{ width: '100%', maxWidth: 760 }}>
                  <Select
                    value={otherAction}
                    style={{ width: 320 }}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={ACTION_NAMES.map((a) => ({ value: a, label: `${actionZh(a)}（${a}）` }))}
                    onChange={(a: ActionName) => {
                      setOtherAction(a);
                      setOtherPayload(JSON.stringify(PAYLOAD_TEMPLATES[a] ?? {}, null, 2));
                      withdraw();
                    }}
                  />
                  <Input.TextArea
                    aria-label="步骤内容（JSON）"
                    rows={10}
                    value={otherPayload}
                    onChange={(e) => {
                      setOtherPayload(e.target.value);
                      withdraw();
                    }}
                    style={{ fontFamily: 'monospace' }}
                  />
                </Space>
              ),
            },
          ]}
        />
        <Button type="primary" onClick={() => void prepare()} data-testid="prepare">
          核对签署内容
        </Button>
        {problem && <Alert type="error" showIcon title={problem} />}
        {prepared && (
          <Card type="inner" title="将要签署的内容（RFC 8785 规范化 JSON，按 UTF-8 签名）" data-testid="signoff">
            <pre data-testid="signoff-text" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', background: '#fafafa', padding: 12, margin: 0 }}>
              {prepared.text}
            </pre>
            <Space style={{ marginTop: 12 }}>
              <Button type="primary" danger loading={send.isPending} onClick={() => send.mutate(prepared)} data-testid="confirm-sign">
                确认无误，签署并提交
              </Button>
              <Typography.Text type="secondary">签名密钥 {keyId}</Typography.Text>
            </Space>
          </Card>
        )}
        <ApiErrorAlert error={send.error} />
        {send.data && prepared && (
          <Result
            status="success"
            data-testid="step-accepted"
            title={`${actionZh(prepared.action)}：已签署并记录（第 ${send.data.seq} 条）`}
            subTitle={`决策现处于：${phaseZh(send.data.phase)}`}
            extra={<Link to={`/decisions/${enc(prepared.decisionId)}`}>查看决策详情</Link>}
          />
        )}
      </Space>
    </Card>
  );
}
