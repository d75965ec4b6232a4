import { KeyOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Popconfirm, Row, Select, Space, Tag, Typography, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ACTION_NAMES, basisOf, INSTANT_YEARS, profileById, Role, ROLES, type ActionName, type Actor, type ActorKeyView, type DecisionDocumentView } from '../../../../libs/domain';
import { ApiError, apiGet, apiGetPages, apiPost, enc } from '../api/client';
import type { DecisionView, StepResult, TasksView } from '../api/types';
import { ApiErrorAlert, SignInNeeded } from '../components/ApiErrorAlert';
import { copyLabels } from '../components/copy';
import { SignedResult, SignOffCard, useSignOff, type Prepared } from '../components/SignOff';
import { dependsOnRules, fieldsFor, FieldsForm, payloadOf, useApiFieldErrors, valuesOf, type Field } from '../forms/fields';
import { FIRST_STEP_OF_ROLE, hasForm, STEP_FORMS } from '../forms/step-forms';
import { actionText, day, phaseText, roleText } from '../format';
import { t } from '../i18n';
import { useMe, useMyOffices, type MyOffice } from '../identity';
import { useOrganisationName } from '../names';
import { ed25519Supported, enrol, loadKey, type EnrolledKey, type KeyAlgorithm } from '../signing/keystore';
import { newIdempotencyKey, signOffText } from '../signing/sign';
import { PAYLOAD_TEMPLATES } from '../signing/templates';
import { CommentAnswersCard } from '../components/CommentAnswersCard';
import { MeetingMembersCard } from '../components/MeetingMembersCard';
import { DiscussionMaterialsCard } from '../components/DiscussionMaterialsCard';
import { PageTitle } from '../components/PageTitle';
import { RecordedDocuments } from '../components/DocumentField';
import { BasisCard, PrepareButton } from '../components/BasisCard';
import { RegisterCard } from './RegisterCard';
import { signInIssuer } from '../auth/session';
import { dropDraft, keepDraft, readDraft, stepDraftKey } from '../signing/drafts';

const HUMAN_ROLES = ROLES.filter((r) => r !== Role.System);

/** 签署: the official's key, made and kept in this browser, and the steps they sign with it. */
/** The demo registrar's token command, naming the sign-in provider where it is not the default one (fresh-eyes tester: the command failed on another port). */
const registrarTokenCommand = (): string => {
  const issuer = signInIssuer();
  return `${issuer && issuer !== 'http://127.0.0.1:3900' ? `OIDC_ISSUER=${issuer} ` : ''}node dist/infra/oidc/token.js p-zhou zhou-2026`;
};

export function SigningPage() {
  const key = useQuery({ queryKey: ['signing-key'], queryFn: async () => (await loadKey()) ?? null });
  const registered = useQuery({
    queryKey: ['actor-keys', key.data?.actor.id],
    queryFn: async () => (await apiGetPages<ActorKeyView>(`/actor-keys?actorId=${enc(key.data!.actor.id)}`)).items,
    enabled: !!key.data,
  });
  const keyId = registered.data?.find((k) => k.publicKey === key.data?.publicKey && !k.revokedAt)?.keyId;
  // Whether the key is registered could not be asked (signed out: 401; or the API away): not "awaiting endorsement"
  // (fresh-eyes tester: signed out, the page asked to have a registered key endorsed again).
  const signInNeeded = registered.error instanceof ApiError && registered.error.status === 401;
  const unknown = registered.error ? (signInNeeded ? 'sign-in' : 'error') : undefined;
  // The key this browser keeps is another person's (one who signed in here before): not offered to sign with, said
  // whose it is (retest: the next person was offered the step form as the one before).
  const { me } = useMe();
  const others = me?.source === 'signed-in' && key.data && key.data.actor.id !== me.personId ? key.data.actor : undefined;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{t('签署', 'Sign')}</PageTitle>
      {others && (
        <Alert
          type="warning"
          showIcon
          data-testid="key-of-another"
          title={t(`本浏览器中保存的签名密钥属于${others.name}（${others.id}），不是您（${me!.name}）的`, `The signing key kept in this browser is ${others.name}'s (${others.id}), not yours (${me!.name})`)}
          description={t('请在本人的电脑或浏览器上签署。在此生成新密钥将删除上述人员保存在本浏览器中的密钥。', "Sign on your own computer or browser. Making a new key here deletes that person's key from this browser.")}
        />
      )}
      <EnrolCard enrolled={key.data ?? undefined} keyId={keyId} unknown={unknown} refresh={() => void registered.refetch()} checking={registered.isFetching} />
      {others ? null : signInNeeded ? (
        <SignInNeeded />
      ) : registered.error ? (
        <ApiErrorAlert error={registered.error} />
      ) : key.data && keyId ? (
        <>
          <StepCard enrolled={key.data} keyId={keyId} />
          <RegisterCard enrolled={key.data} keyId={keyId} />
        </>
      ) : (
        <Alert type="info" showIcon title={t('签署步骤前，请先生成签名密钥并由登记员背书登记。', 'Before signing a step, make a signing key and have a registrar endorse it.')} />
      )}
    </Space>
  );
}

type EnrolValues = EnrolledKey['actor'] & { office?: string; algorithm?: KeyAlgorithm };

/** What each algorithm is, where a key is made and where it is shown. */
const ALGORITHM_TEXT: Record<KeyAlgorithm, { option: string; held: string }> = {
  ed25519: {
    option: t('Ed25519（私钥不可导出，推荐）', 'Ed25519 (the private key cannot be exported; recommended)'),
    held: t('Ed25519（私钥在本浏览器内生成，不可导出）', 'Ed25519 (the private key made in this browser, not exportable)'),
  },
  'sm2-sm3': {
    option: t('SM2（国密；浏览器无此算法，私钥由本页面保存，可被本站脚本读取）', 'SM2 (the national algorithm; browsers have none, so this page holds the private key, readable by its scripts)'),
    held: t('SM2 与 SM3（国密；私钥以十六进制保存在本浏览器，可被本站脚本读取）', 'SM2 with SM3 (the national algorithm; the private key kept in this browser as hex, readable by its scripts)'),
  },
};

/** The office a key is made for, among the person's standing ones: its role and organisation, else none. */
const officeOf = (offices: MyOffice[], actor: Pick<EnrolledKey['actor'], 'role' | 'organisation'> | undefined) => offices.find((o) => o.role === actor?.role && o.organisation === actor?.organisation);

function EnrolCard({ enrolled, keyId, unknown, refresh, checking }: { enrolled?: EnrolledKey; keyId?: string; unknown?: 'sign-in' | 'error'; refresh: () => void; checking: boolean }) {
  const client = useQueryClient();
  const supported = useQuery({ queryKey: ['ed25519'], queryFn: ed25519Supported });
  const orgName = useOrganisationName();
  // The signer is the person signed in, in an office the registrar gave them: filled in, not typed.
  const { me } = useMe();
  const signedIn = me?.source === 'signed-in' ? me : undefined;
  const { offices, settled } = useMyOffices(signedIn?.personId);
  const [form] = Form.useForm<EnrolValues>();
  const make = useMutation({
    mutationFn: ({ actor, algorithm }: { actor: EnrolledKey['actor']; algorithm: KeyAlgorithm }) => enrol(actor, 'current', algorithm),
    onSuccess: () => client.invalidateQueries({ queryKey: ['signing-key'] }),
  });
  const submit = ({ office: officeId, algorithm = 'ed25519', ...v }: EnrolValues) => {
    const office = offices.find((o) => o.appointmentId === officeId);
    make.mutate({ actor: office ? { id: v.id, name: office.personName, role: office.role, organisation: office.organisation } : v, algorithm });
  };
  const initial: Partial<EnrolValues> = {
    ...(enrolled?.actor ?? {}),
    ...(signedIn ? { id: signedIn.personId, name: enrolled && enrolled.actor.id === signedIn.personId ? enrolled.actor.name : signedIn.name } : {}),
    office: (officeOf(offices, enrolled?.actor) ?? offices[0])?.appointmentId,
    algorithm: enrolled?.algorithm ?? 'ed25519',
  };
  const request = enrolled && {
    actorId: enrolled.actor.id,
    algorithm: enrolled.algorithm,
    publicKey: enrolled.publicKey,
    // From the day it was made, in Beijing: the UTC date named before it existed between 00:00 and 08:00 (tester).
    validFrom: `${beijingDay(enrolled.createdAt)}T00:00:00+08:00`,
    validTo: `${Number(beijingDay(enrolled.createdAt).slice(0, 4)) + 2}-01-01T00:00:00+08:00`,
  };
  return (
    <Card title={<span><KeyOutlined /> {t('签名密钥', 'Signing key')}</span>} data-testid="enrolment">
      {supported.data === false && <Alert type="error" showIcon title={t('此浏览器不支持 Ed25519 签名（WebCrypto），请使用新版浏览器。', 'This browser cannot sign with Ed25519 (WebCrypto): please use a recent browser.')} />}
      {enrolled && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { label: t('经办人', 'Signer'), children: t(`${enrolled.actor.name}（${enrolled.actor.id}）`, `${enrolled.actor.name} (${enrolled.actor.id})`) },
              { label: t('角色', 'Role'), children: roleText(enrolled.actor.role) },
              { label: t('单位', 'Organisation'), children: orgName(enrolled.actor.organisation) },
              { label: t('算法', 'Algorithm'), children: <span data-testid="key-algorithm">{ALGORITHM_TEXT[enrolled.algorithm].held}</span> },
              { label: t('公钥（十六进制）', 'Public key (hex)'), children: <Typography.Text code copyable={copyLabels('公钥', 'the public key')} data-testid="public-key">{enrolled.publicKey}</Typography.Text> },
              { label: t('生成日期', 'Made'), children: day(enrolled.createdAt) },
              {
                label: t('登记状态', 'Status'),
                children: (
                  <Space>
                    {keyId ? (
                      <Tag color="green" data-testid="key-status">{t('已登记', 'Registered')} {keyId}</Tag>
                    ) : unknown ? (
                      <Tag data-testid="key-status">{unknown === 'sign-in' ? t('登录后可查看', 'Sign in to see') : t('暂时无法查询', 'Cannot be checked now')}</Tag>
                    ) : (
                      <Tag color="orange" data-testid="key-status">{t('待登记员背书', 'Awaiting endorsement')}</Tag>
                    )}
                    <Button size="small" icon={<ReloadOutlined />} loading={checking} onClick={refresh}>
                      {t('刷新', 'Refresh')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
          {!keyId && !unknown && request && (
            <Alert
              type="warning"
              showIcon
              title={t('请将公钥交登记员（人事或认证部门）背书登记', 'Give the public key to a registrar (personnel or certification) to endorse')}
              description={
                <>
                  <Typography.Paragraph>{t(`登记员核实身份后，对以下内容签名并以登记员本人的访问令牌 REGISTRAR_TOKEN 提交登记（本机默认登记员的做法；令牌的取得见 README 的登录一节，本机演示的登记员为 REGISTRAR_TOKEN=$(${registrarTokenCommand()})）：`, `Having checked who you are, the registrar signs the following and sends it with their own access token REGISTRAR_TOKEN, as this machine's default registrar would (how to get a token: the README's sign-in section; this machine's demo registrar: REGISTRAR_TOKEN=$(${registrarTokenCommand()})):`)}</Typography.Paragraph>
                  <Typography.Paragraph>
                    <pre data-testid="enrol-command" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}>
                      {`echo '${JSON.stringify(request)}' \\\n  | node dist/infra/sign.js endorse .data/keys/registrar.json \\\n  | curl -X POST ${window.location.origin}/actor-keys -H "Authorization: Bearer $REGISTRAR_TOKEN" -H 'content-type: application/json' -d @-`}
                    </pre>
                  </Typography.Paragraph>
                </>
              }
            />
          )}
        </Space>
      )}
      <Typography.Title level={2} style={{ marginTop: 16, fontSize: 16 }}>
        {enrolled ? t('重新生成密钥（原密钥将从本浏览器删除）', 'Make a new key (the old one is deleted from this browser)') : t('生成签名密钥', 'Make a signing key')}
      </Typography.Title>
      {settled && (
        <Form form={form} name="enrol" layout="inline" onFinish={submit} initialValues={initial} key={`${signedIn?.personId}:${offices.length}`} data-testid="enrol-form">
          <Form.Item name="id" label={t('工号', 'Staff no.')} rules={[{ required: true, message: t('请填写工号', 'Please fill in the staff no.') }]}>
            <Input style={{ width: 120 }} readOnly={!!signedIn} />
          </Form.Item>
          <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, message: t('请填写姓名', 'Please fill in the name') }]}>
            <Input style={{ width: 120 }} readOnly={offices.length > 0} />
          </Form.Item>
          {offices.length ? (
            <Form.Item name="office" label={t('任职', 'Office')} rules={[{ required: true, message: t('请选择任职', 'Please choose an office') }]}>
              <Select style={{ width: 320 }} data-testid="enrol-office" options={offices.map((o) => ({ value: o.appointmentId, label: o.label }))} />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="role" label={t('角色', 'Role')} rules={[{ required: true, message: t('请选择角色', 'Please choose a role') }]}>
                <Select style={{ width: 200 }} options={HUMAN_ROLES.map((r) => ({ value: r, label: roleText(r) }))} />
              </Form.Item>
              <Form.Item name="organisation" label={t('单位', 'Organisation')} rules={[{ required: true, message: t('请填写单位', 'Please fill in the organisation') }]}>
                <Input style={{ width: 180 }} />
              </Form.Item>
            </>
          )}
          <Form.Item name="algorithm" label={t('算法', 'Algorithm')}>
            <Select style={{ width: 260 }} data-testid="enrol-algorithm" popupMatchSelectWidth={false} options={(Object.keys(ALGORITHM_TEXT) as KeyAlgorithm[]).map((a) => ({ value: a, label: ALGORITHM_TEXT[a].option }))} />
          </Form.Item>
          <Form.Item>
            {enrolled ? (
              <Popconfirm title={t('原密钥将被删除且无法恢复，确定重新生成？', 'The old key will be deleted for good. Make a new one?')} onConfirm={() => form.submit()} okText={t('确定', 'Yes')} cancelText={t('取消', 'Cancel')}>
                <Button danger loading={make.isPending}>
                  {t('重新生成', 'Make a new key')}
                </Button>
              </Popconfirm>
            ) : (
              <Button type="primary" htmlType="submit" loading={make.isPending}>
                {t('生成密钥', 'Make the key')}
              </Button>
            )}
          </Form.Item>
        </Form>
      )}
      <ApiErrorAlert error={make.error} />
    </Card>
  );
}

/** The step's actor: the enrolled person, in the office a task names (?role=&org=) or the one they enrolled with. */
function actorFor(enrolled: EnrolledKey, params: URLSearchParams): Actor {
  const role = params.get('role');
  return { ...enrolled.actor, ...(role && (ROLES as readonly string[]).includes(role) ? { role: role as Role } : {}), ...(params.get('org') ? { organisation: params.get('org')! } : {}) };
}

/**
 * A step: its form (step-forms.ts, or the JSON editor for a step without one),
 * what the statute says of it beside the form, the exact text to be signed,
 * and the answer; a refusal is shown beside the form, which keeps what was
 * filled in.
 */
function StepCard({ enrolled, keyId }: { enrolled: EnrolledKey; keyId: string }) {
  const [params] = useSearchParams();
  const client = useQueryClient();
  const [decisionId, setDecisionId] = useState(params.get('decision') ?? '');
  const initialAction = params.get('action');
  const [action, setAction] = useState<ActionName>(initialAction && (ACTION_NAMES as readonly string[]).includes(initialAction) ? (initialAction as ActionName) : (FIRST_STEP_OF_ROLE[enrolled.actor.role] ?? 'submitDraft'));
  const form = useRef<FormInstance<Record<string, unknown>>>(undefined);
  const [json, setJson] = useState(JSON.stringify(PAYLOAD_TEMPLATES[action] ?? {}, null, 2));
  const [prepared, setPrepared] = useState<Prepared<StepResult> & { action: ActionName; decisionId: string }>();
  const [problem, setProblem] = useState<string>();
  const orgName = useOrganisationName();
  // The office the step is taken in: chosen here, else the one the task names (?role=&org=), else the key's, else the first.
  const { offices } = useMyOffices(enrolled.actor.id);
  const [officeId, setOfficeId] = useState<string>();
  const office =
    offices.find((o) => o.appointmentId === officeId) ?? officeOf(offices, { role: params.get('role') as Role, organisation: params.get('org') ?? '' }) ?? officeOf(offices, enrolled.actor) ?? offices[0];
  const actor: Actor = office ? { id: enrolled.actor.id, name: office.personName, role: office.role, organisation: office.organisation } : actorFor(enrolled, params);
  const form_ = STEP_FORMS[action] as { intro: string; fields: Field[] } | undefined;
  // A form with fields only some rules allow (an online hearing) asks the decision's rules; others need not.
  // A publication asks whether the matter was withheld by law (Arts. 14, 32): then no channel is filled in for it.
  const conditional = !!form_ && (dependsOnRules(form_.fields) || action === 'publish');
  const decisionIdNow = decisionId.trim();
  const rules = useQuery({
    queryKey: ['decision', decisionIdNow],
    queryFn: () => apiGet<DecisionView>(`/decisions/${enc(decisionIdNow)}`),
    enabled: conditional && !!decisionIdNow,
    retry: false,
  });
  const profile = rules.data ? profileById(rules.data.record.profile) : undefined;
  // The decision's open steps, to warn before signing one that is not open to the signer's role now (web tester: a unit's
  // official signed a decision; refused, the refusal stayed under his name): said where another role has it open now.
  const open = useQuery({ queryKey: ['decision-tasks', decisionIdNow], queryFn: () => apiGet<TasksView>(`/decisions/${enc(decisionIdNow)}/tasks`), enabled: !!decisionIdNow, retry: false });
  const openForOthers = [...new Set((open.data ?? []).filter((task) => task.action === action && task.role !== actor.role).map((task) => task.role))];
  const notOpen = openForOthers.length > 0 && !open.data!.some((task) => task.action === action && task.role === actor.role);
  // The decision's documents, for its document fields to offer (RecordedDocuments); none where it cannot be read.
  const recorded = useQuery({
    queryKey: ['documents', decisionIdNow],
    queryFn: () => apiGet<DecisionDocumentView[]>(`/decisions/${enc(decisionIdNow)}/documents`),
    enabled: !!decisionIdNow,
    retry: false,
  });
  const withheldBy = action === 'publish' ? rules.data?.state.withheldBy : undefined;
  const spec = form_ && { intro: form_.intro, fields: fieldsFor(form_.fields, profile) };
  useEffect(() => setDecisionId((d) => d || params.get('decision') || ''), [params]);

  const signOff = useSignOff<StepResult>(enrolled, () => {
    // Signed and recorded: the draft kept for a reload is done with.
    if (prepared) dropDraft(stepDraftKey(prepared.decisionId, prepared.action));
    void client.invalidateQueries({ queryKey: ['decision', prepared?.decisionId] });
    void client.invalidateQueries({ queryKey: ['timeline', prepared?.decisionId] });
    void client.invalidateQueries({ queryKey: ['my-tasks'] });
  });
  // A refusal naming a field of the form ('unit：…', 'payload.alternatives.1.title：…') is shown under that field.
  const placed = useApiFieldErrors(signOff.error, () => form.current, spec?.fields);
  const withdraw = () => setPrepared(undefined);
  // The minutes' members sit as of the meeting's time (Art. 30): the card lists those of the time filled in.
  const [meetingAt, setMeetingAt] = useState<string>();
  const formChanged = () => {
    withdraw();
    if (action !== 'recordDiscussion') return;
    const date = form.current?.getFieldValue(['meeting', 'date']) as Dayjs | null | undefined;
    // A time outside the years the API takes (1949–2199) asks nothing: the form's own check says what is wrong with it
    // (retest: the card showed the API's refusal of a parameter the clerk never typed).
    const asked = date?.isValid() && date.year() >= INSTANT_YEARS.from && date.year() <= INSTANT_YEARS.to ? date : undefined;
    setMeetingAt(asked?.format('YYYY-MM-DDTHH:mm:ssZ'));
  };
  const choose = (a: ActionName) => {
    setAction(a);
    setJson(JSON.stringify(PAYLOAD_TEMPLATES[a] ?? {}, null, 2));
    withdraw();
    signOff.reset();
  };

  /** What will be signed: built from the form as it stands, shown whole; any change to the form withdraws it. */
  const prepare = async () => {
    setProblem(undefined);
    signOff.reset();
    const id = decisionId.trim();
    if (!id) return setProblem(t('请填写决策编号', 'Please fill in the decision no.'));
    let payload: unknown;
    if (spec) {
      try {
        await form.current!.validateFields();
      } catch {
        return setProblem(t('请先补全表单', 'Please complete the form first'));
      }
      payload = payloadOf(spec.fields, form.current!.getFieldsValue(true));
    } else {
      try {
        payload = JSON.parse(json);
      } catch {
        return setProblem(t('步骤内容不是有效的 JSON', 'The step is not valid JSON'));
      }
    }
    const idempotencyKey = newIdempotencyKey(id, action);
    const text = signOffText({ decisionId: id, action, actor, payload, idempotencyKey });
    setPrepared({
      action,
      decisionId: id,
      text,
      send: (value) => apiPost<StepResult>(`/decisions/${enc(id)}/steps`, { action, actor, payload, idempotencyKey, signature: { keyId, value } }),
    });
  };

  return (
    <Card title={t('办理步骤', 'Take a step')} data-testid="step">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <span>{t('决策编号', 'Decision')}</span>
          <Input
            aria-label={t('决策编号', 'Decision no.')}
            data-testid="step-decision"
            value={decisionId}
            onChange={(e) => {
              setDecisionId(e.target.value);
              withdraw();
            }}
            style={{ width: 260 }}
          />
          {decisionId && <Link to={`/decisions/${enc(decisionId.trim())}`}>{t('查看决策详情', 'Decision details')}</Link>}
          <span>{t('步骤', 'Step')}</span>
          <Select
            aria-label={t('步骤', 'Step')}
            data-testid="step-action"
            value={action}
            style={{ width: 300 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={ACTION_NAMES.map((a) => ({ value: a, label: `${actionText(a)}${hasForm(a) ? '' : t('（JSON）', ' (JSON)')}` }))}
            onChange={choose}
          />
        </Space>
        {offices.length > 1 && (
          <Space wrap>
            <span>{t('办理身份', 'Acting as')}</span>
            <Select
              aria-label={t('办理身份', 'Acting as')}
              data-testid="step-office"
              value={office?.appointmentId}
              style={{ width: 360 }}
              options={offices.map((o) => ({ value: o.appointmentId, label: o.label }))}
              onChange={(v: string) => {
                setOfficeId(v);
                withdraw();
              }}
            />
          </Space>
        )}
        <Typography.Text type="secondary" data-testid="step-actor">
          {t(`经办人：${actor.name}（${actor.id}，${roleText(actor.role)}，${orgName(actor.organisation)}）`, `Signer: ${actor.name} (${actor.id}, ${roleText(actor.role)}, ${orgName(actor.organisation)})`)}
        </Typography.Text>
        {notOpen && (
          <Alert
            type="warning"
            showIcon
            data-testid="step-not-open"
            title={t(
              `“${actionText(action)}”此时由${openForOthers.map(roleText).join('、')}办理，不是${roleText(actor.role)}的待办步骤。签署后如被拒绝，拒绝记录将以您的名义留存；请先核对我的待办。`,
              `"${actionText(action)}" is for ${openForOthers.map(roleText).join(', ')} now, not an open step for ${roleText(actor.role)}. Signed and refused, the refusal is kept under your name: check My tasks first.`,
            )}
          />
        )}
        <Row gutter={24}>
          <Col xs={24} lg={14}>
            {spec ? (
              <>
                {withheldBy !== undefined && (
                  <Alert
                    type="warning"
                    showIcon
                    data-testid="withheld-matter"
                    style={{ marginBottom: 16 }}
                    title={t(
                      `本决策事项已登记为依法不予公开（依据：${withheldBy}）。不公布的，“公布途径”不填写，记录为不予公开；确需公布的，填写“可以公开的依据”（例如已经解密）（第十四条、第三十二条）。`,
                      `This matter was declared not to be disclosed (${withheldBy}). To withhold it, leave "Published through" empty; to publish it after all, fill in "Basis for disclosure" (e.g. declassified) (Arts. 14, 32).`,
                    )}
                  />
                )}
                <RecordedDocuments.Provider value={recorded.data ?? []}>
                  <ActionForm
                    key={`${action}|${withheldBy !== undefined}`}
                    action={action}
                    fields={spec.fields}
                    formRef={form}
                    onChange={formChanged}
                    template={withheldBy !== undefined ? { ...PAYLOAD_TEMPLATES.publish, channels: [] } : undefined}
                    draftKey={decisionId.trim() ? stepDraftKey(decisionId.trim(), action) : undefined}
                  />
                </RecordedDocuments.Provider>
              </>
            ) : (
              <Input.TextArea
                aria-label={t('步骤内容（JSON）', 'The step (JSON)')}
                rows={12}
                value={json}
                onChange={(e) => {
                  setJson(e.target.value);
                  withdraw();
                }}
                style={{ fontFamily: 'monospace' }}
              />
            )}
            <PrepareButton onClick={() => void prepare()} />
          </Col>
          <Col xs={24} lg={10}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <BasisCard title={t(`${actionText(action)}：依据`, `${actionText(action)}: basis`)} citations={basisOf(action)} intro={spec?.intro} testId="step-basis" />
              {action === 'submitAdoptionReport' && decisionId.trim() && (
                <CommentAnswersCard
                  decisionId={decisionId.trim()}
                  onFill={(summary) => {
                    form.current?.setFieldsValue({ groups: summary.groups.map((g) => ({ groupHash: g.groupHash, commentCount: g.commentCount })), commentsAnswered: summary.commentsAnswered ?? undefined });
                    withdraw();
                  }}
                />
              )}
              {action === 'recordDiscussion' && decisionId.trim() && (
                <DiscussionMaterialsCard
                  decisionId={decisionId.trim()}
                  onFill={(materials) => {
                    form.current?.setFieldValue('materials', { ...((form.current?.getFieldValue('materials') as object | undefined) ?? {}), ...materials });
                    withdraw();
                  }}
                />
              )}
              {action === 'recordDiscussion' && decisionId.trim() && (
                <MeetingMembersCard
                  decisionId={decisionId.trim()}
                  at={meetingAt}
                  onAdd={(m) => {
                    const members = (form.current?.getFieldValue('members') as { id?: string }[] | undefined) ?? [];
                    if (!members.some((x) => x.id === m.personId)) form.current?.setFieldValue('members', [...members, { id: m.personId, name: m.personName, present: true }]);
                    // The chief executive decides (Art. 30): named as such where none is yet.
                    if (m.role === 'chief_executive' && !form.current?.getFieldValue(['meeting', 'chiefExecutiveId'])) form.current?.setFieldValue(['meeting', 'chiefExecutiveId'], m.personId);
                    withdraw();
                  }}
                />
              )}
              {problem && <Alert type="error" showIcon title={problem} />}
              <SignOffCard prepared={prepared} signOff={signOff} keyId={keyId} placed={placed} />
              {signOff.data && prepared && (
                <SignedResult
                  testId="step-accepted"
                  title={t(`${actionText(prepared.action)}：已签署并记录（第 ${signOff.data.seq} 条）`, `${actionText(prepared.action)}: signed and recorded (entry ${signOff.data.seq})`)}
                  subTitle={t(`决策现处于：${phaseText(signOff.data.phase)}`, `The decision is now at: ${phaseText(signOff.data.phase)}`)}
                  decisionId={prepared.decisionId}
                  next={{ to: '/tasks', label: t('回到我的待办', 'Back to my tasks') }}
                />
              )}
            </Space>
          </Col>
        </Row>
      </Space>
    </Card>
  );
}

/**
 * One action's form, made afresh for each action, filled in from what was typed in this tab for the decision and the
 * step (`draftKey`, kept as its payload until signed), else from its template where it has one (never with placeholder hashes).
 */
function ActionForm(props: { action: ActionName; fields: Field[]; formRef: RefObject<FormInstance<Record<string, unknown>> | undefined>; onChange: () => void; template?: object; draftKey?: string }) {
  const { action, fields, formRef, onChange, draftKey } = props;
  const [form] = Form.useForm<Record<string, unknown>>();
  formRef.current = form;
  const [initial] = useState(() => {
    const draft = draftKey ? readDraft(draftKey) : undefined;
    return draft ? valuesOf(fields, draft, true) : valuesOf(fields, (props.template ?? PAYLOAD_TEMPLATES[action]) as Record<string, unknown> | undefined);
  });
  const changed = () => {
    onChange();
    if (draftKey) keepDraft(draftKey, payloadOf(fields, form.getFieldsValue(true)));
  };
  return (
    <Form form={form} name={`step-${action}`} layout="vertical" onValuesChange={changed} initialValues={initial} data-testid={`form-${action}`}>
      {fields.length ? <FieldsForm fields={fields} /> : <Typography.Paragraph>{t('此步骤没有需要填写的内容。', 'This step has nothing to fill in.')}</Typography.Paragraph>}
    </Form>
  );
}

/** The calendar day of an instant in Beijing (UTC+8), as YYYY-MM-DD. */
const beijingDay = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
