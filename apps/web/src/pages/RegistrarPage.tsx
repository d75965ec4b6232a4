import { ApartmentOutlined, KeyOutlined } from '@ant-design/icons';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Form, Grid, Input, Radio, Row, Space, Table, Tabs, Tag, Tree, Typography, Upload, type FormInstance } from 'antd';
import type { DataNode } from 'antd/es/tree';
import dayjs from 'dayjs';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { APPOINTMENT_ROLES, GOVERNMENT_LEVELS, ORGANISATION_ID_PATTERN, ORGANISATION_KINDS, type Appointment, type Organisation } from '../../../../libs/domain';
import { appointmentEndorsementText, appointmentEndText, expertDisqualificationText, expertPoolEndText, expertPoolEntryText, keyEndorsementText, organisationEndorsementText } from '../../../../libs/record/endorsement-text';
import { apiGet, apiGetPages, apiPost, enc } from '../api/client';
import { ScrollRegion } from '../components/ScrollRegion';
import { ListTruncated } from '../components/ListTruncated';
import { EmptyText } from '../components/EmptyText';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { copyLabels } from '../components/copy';
import { Hash } from '../components/Hash';
import { SignOffCard, useSignOff, type Prepared } from '../components/SignOff';
import { FieldsForm, payloadOf, useApiFieldErrors, type Field } from '../forms/fields';
import { day, dayTime, poolStandingText, roleText } from '../format';
import { t } from '../i18n';
import { forgetUnknownOrganisations, useOrganisationName } from '../names';
import { enrol, importKeyFile, keyIdOf, loadKey, type EnrolledKey } from '../signing/keystore';
import { PageTitle } from '../components/PageTitle';

const KIND_TEXT: Record<string, string> = {
  government: t('人民政府', 'government'),
  general_office: t('办公厅（室）', 'general office'),
  department: t('工作部门', 'department'),
  legality_review_body: t('合法性审查机构', 'legality review body'),
  office: t('内设机构', 'internal office'),
  outside_body: t('政府以外的机构', 'body outside the government'),
};
const LEVEL_TEXT: Record<string, string> = { national: t('国家', 'national'), province: t('省级', 'province'), city: t('市级', 'city'), county: t('县级', 'county'), township: t('乡级', 'township') };
/** What an id the API takes for organisations and records must look like, said under the field as the API says it. */
const ID_RULE = (what: string) => ({ regex: ORGANISATION_ID_PATTERN, message: t(`${what}只能由字母、数字、汉字及 . _ : - 组成，2至64个字符`, `${what}: letters, digits, Chinese characters and . _ : -, 2 to 64 characters`) });
const roleLabel = roleText;
const pick = (values: readonly string[], label: (v: string) => string) => values.map((v) => ({ value: v, label: label(v) }));

type AppointmentRow = Appointment & { registeredAt?: string };

/**
 * A registrar's desk (登记员): one form per act, each a list of fields whose
 * names are the request's own, signed with the registrar's key over exactly
 * the text the API checks (libs/record/endorsement-text.ts).
 */
interface Act {
  key: string;
  label: string;
  fields: Field[];
  /** The text signed and the request sent, from the form's payload. */
  request: (v: Record<string, unknown>) => { text: string; path: string; body: Record<string, unknown> };
  done: string;
  /** What the form starts with: terms from today. */
  initial?: () => Record<string, unknown>;
}

const term = () => ({ validFrom: dayjs().startOf('day'), validTo: dayjs().startOf('day').add(2, 'year') });
/** The algorithms a key is endorsed for: as the official made it on the Sign page. */
const KEY_ALGORITHMS = [
  { value: 'ed25519', label: 'Ed25519' },
  { value: 'sm2-sm3', label: t('SM2（国密）', 'SM2 (the national algorithm)') },
];

const iso = (v: unknown) => String(v);
const ACTS: Act[] = [
  {
    key: 'endorse',
    label: t('背书签名密钥', 'Endorse a key'),
    done: t('签名密钥已登记', 'The key is registered'),
    initial: () => ({ ...term(), algorithm: 'ed25519' }),
    fields: [
      { kind: 'text', name: 'actorId', label: t('工号', 'Staff no.'), required: true },
      { kind: 'select', name: 'algorithm', label: t('算法', 'Algorithm'), required: true, options: KEY_ALGORITHMS },
      { kind: 'text', name: 'publicKey', label: t('公钥（十六进制，由本人在“签署”页生成）', 'Public key (hex, made by the official on the Sign page)'), required: true },
      { kind: 'datetime', name: 'validFrom', label: t('有效期自', 'Valid from'), required: true },
      { kind: 'datetime', name: 'validTo', label: t('有效期至', 'Valid to'), required: true },
    ],
    request: (v) => {
      const body = { actorId: String(v.actorId), algorithm: String(v.algorithm), publicKey: String(v.publicKey).trim().toLowerCase(), validFrom: iso(v.validFrom), validTo: iso(v.validTo) };
      return { text: keyEndorsementText(body), path: '/actor-keys', body };
    },
  },
  {
    key: 'organisation',
    label: t('登记机构', 'Register an organisation'),
    done: t('机构已登记', 'The organisation is registered'),
    fields: [
      { kind: 'text', name: 'id', label: t('机构编号', 'Organisation id'), required: true, placeholder: t('例如 sz-jtj-ysc', 'e.g. sz-jtj-ysc') },
      { kind: 'text', name: 'name', label: t('机构名称', 'Name'), required: true },
      { kind: 'select', name: 'kind', label: t('类别', 'Kind'), required: true, options: pick(ORGANISATION_KINDS, (k) => KIND_TEXT[k] ?? k) },
      { kind: 'text', name: 'parentId', label: t('所属机构编号（最上级政府不填）', 'Parent organisation id (none for the top government)') },
      { kind: 'select', name: 'level', label: t('政府层级（仅政府填写）', 'Level (governments only)'), options: pick(GOVERNMENT_LEVELS, (l) => LEVEL_TEXT[l] ?? l) },
      { kind: 'text', name: 'creditCode', label: t('统一社会信用代码（可选）', 'Unified social credit code (optional)') },
    ],
    request: (v) => {
      const body = v as { id: string; name: string; kind: string; parentId?: string; level?: string; creditCode?: string };
      return { text: organisationEndorsementText(body), path: '/organisations', body };
    },
  },
  {
    key: 'appoint',
    label: t('任职', 'Appoint'),
    done: t('任职已登记', 'The appointment is registered'),
    initial: term,
    fields: [
      { kind: 'text', name: 'id', label: t('任职编号', 'Appointment id'), required: true, placeholder: t('例如 ap-2026-0101', 'e.g. ap-2026-0101') },
      { kind: 'text', name: 'personId', label: t('工号', 'Staff no.'), required: true },
      { kind: 'text', name: 'personName', label: t('姓名', 'Name'), required: true },
      { kind: 'select', name: 'role', label: t('角色', 'Role'), required: true, options: pick(APPOINTMENT_ROLES, roleLabel) },
      { kind: 'text', name: 'organisationId', label: t('机构编号', 'Organisation id'), required: true },
      { kind: 'datetime', name: 'validFrom', label: t('任期自', 'From'), required: true },
      { kind: 'datetime', name: 'validTo', label: t('任期至', 'To'), required: true },
    ],
    request: (v) => {
      const body = v as { id: string; personId: string; personName: string; role: string; organisationId: string; validFrom: string; validTo: string };
      return { text: appointmentEndorsementText(body), path: '/appointments', body };
    },
  },
  {
    key: 'end',
    label: t('免职', 'End an appointment'),
    done: t('任职已终止', 'The appointment has ended'),
    initial: () => ({ endedAt: dayjs().add(10, 'minute') }),
    fields: [
      { kind: 'text', name: 'appointmentId', label: t('任职编号', 'Appointment id'), required: true },
      { kind: 'datetime', name: 'endedAt', label: t('终止时间（不得早于现在）', 'Ends at (not before now)'), required: true },
      { kind: 'text', name: 'reason', label: t('理由', 'Reason'), required: true, long: true },
    ],
    request: (v) => {
      const { appointmentId, ...body } = v as { appointmentId: string; endedAt: string; reason: string };
      return { text: appointmentEndText({ appointmentId, ...body }), path: `/appointments/${enc(appointmentId)}/end`, body };
    },
  },
  {
    key: 'disqualify',
    label: t('取消专家资格', 'Disqualify an expert'),
    done: t('已记录取消评估资格', 'The disqualification is recorded'),
    initial: () => ({ validFrom: dayjs().startOf('day') }),
    fields: [
      { kind: 'text', name: 'id', label: t('记录编号', 'Record id'), required: true, placeholder: t('例如 dq-2026-0001', 'e.g. dq-2026-0001'), pattern: ID_RULE(t('记录编号', 'Record id')) },
      { kind: 'text', name: 'expertId', label: t('专家编号（论证专家组所用的编号）', 'Expert id (as expert panels name them)'), required: true, max: 100 },
      { kind: 'text', name: 'expertName', label: t('专家或专业机构名称', 'Expert or institution'), required: true, max: 200 },
      { kind: 'text', name: 'governmentId', label: t('专家库所属政府编号', 'Government whose expert pool it is'), required: true, placeholder: t('例如 hz', 'e.g. hz'), pattern: ID_RULE(t('政府编号', 'Government id')) },
      { kind: 'text', name: 'reason', label: t('理由（违反职业道德或本条例规定，造成严重后果的情形）', 'Reason (the breach of professional ethics or of the regulations, and its serious consequences)'), required: true, long: true, max: 1000 },
      { kind: 'hash', name: 'basisHash', label: t('取消资格的决定（可选）', 'The decision to disqualify (optional)'), testId: 'disqualify-basis' },
      { kind: 'datetime', name: 'validFrom', label: t('自', 'From'), required: true },
      { kind: 'datetime', name: 'validTo', label: t('至（不填则长期有效）', 'To (empty: until further notice)') },
    ],
    request: (v) => {
      const body = v as { id: string; expertId: string; expertName: string; governmentId: string; reason: string; basisHash?: string; validFrom: string; validTo?: string };
      return { text: expertDisqualificationText(body), path: '/expert-disqualifications', body };
    },
  },
];

/**
 * The expert pool's acts (Art. 21), drawn together in one tab (专家库) with the pool's list: an expert entered into the
 * registrar's government's pool, and a membership ended (退出).
 */
const POOL_ACTS: Act[] = [
  {
    key: 'pool-enter',
    label: t('专家入库', 'Enter an expert'),
    done: t('专家已入库', 'The expert is in the pool'),
    initial: term,
    fields: [
      { kind: 'text', name: 'id', label: t('记录编号', 'Record id'), required: true, placeholder: t('例如 pool-2026-0001', 'e.g. pool-2026-0001'), pattern: ID_RULE(t('记录编号', 'Record id')) },
      { kind: 'text', name: 'expertId', label: t('专家编号（论证专家组所用的编号）', 'Expert id (as expert panels name them)'), required: true, max: 100 },
      { kind: 'text', name: 'expertName', label: t('专家姓名', "Expert's name"), required: true, max: 200 },
      { kind: 'text', name: 'governmentId', label: t('专家库所属政府编号', 'Government whose expert pool it is'), required: true, placeholder: t('例如 hz', 'e.g. hz'), pattern: ID_RULE(t('政府编号', 'Government id')) },
      { kind: 'strings', name: 'fields', label: t('专业领域', 'Fields of expertise'), required: true, placeholder: t('输入后回车，可填写多项', 'Type, then Enter; several allowed') },
      { kind: 'text', name: 'institution', label: t('工作单位（可选）', 'Institution (optional)'), max: 200 },
      { kind: 'datetime', name: 'validFrom', label: t('入库自', 'In the pool from'), required: true },
      { kind: 'datetime', name: 'validTo', label: t('至（不填则长期有效）', 'To (empty: until further notice)') },
    ],
    request: (v) => {
      const body = v as { id: string; expertId: string; expertName: string; governmentId: string; fields: string[]; institution?: string; validFrom: string; validTo?: string };
      return { text: expertPoolEntryText(body), path: '/expert-pool', body };
    },
  },
  {
    key: 'pool-end',
    label: t('专家退出', 'End a membership'),
    done: t('专家已退出专家库', 'The expert has left the pool'),
    initial: () => ({ endedAt: dayjs().add(10, 'minute') }),
    fields: [
      { kind: 'text', name: 'entryId', label: t('专家库记录编号', 'Pool record id'), required: true },
      { kind: 'datetime', name: 'endedAt', label: t('退出时间（不得早于现在）', 'Leaves at (not before now)'), required: true },
      { kind: 'text', name: 'reason', label: t('理由（如诚信考核不合格）', 'Reason (e.g. failed the integrity review)'), required: true, long: true, max: 1000 },
    ],
    request: (v) => {
      const { entryId, ...body } = v as { entryId: string; endedAt: string; reason: string };
      return { text: expertPoolEndText({ entryId, ...body }), path: `/expert-pool/${enc(entryId)}/end`, body };
    },
  },
];

/** 登记员: the registrar's key, their acts, and the organisations with who holds which office. */
export function RegistrarPage() {
  const key = useQuery({ queryKey: ['registrar-key'], queryFn: async () => (await loadKey('registrar')) ?? null });
  const keyId = useQuery({ queryKey: ['registrar-key-id', key.data?.algorithm, key.data?.publicKey], queryFn: () => keyIdOf(key.data!.algorithm, key.data!.publicKey), enabled: !!key.data });
  const [tab, setTab] = useState('endorse');
  // Below Ant Design's md breakpoint (768 pixels): the tabs go beside the forms, see below.
  const narrow = Grid.useBreakpoint().md === false;
  const forms = Object.fromEntries([...ACTS, ...POOL_ACTS].map((a) => [a.key, Form.useForm<Record<string, unknown>>()[0]])) as Record<string, FormInstance<Record<string, unknown>>>;
  // The organisation the last act was in (an appointment's, a new organisation's parent), opened in the tree.
  const [reveal, setReveal] = useState<string>();
  const endOf = (appointmentId: string) => {
    setTab('end');
    forms.end.setFieldsValue({ appointmentId });
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{t('登记员', 'Registrar')}</PageTitle>
      <RegistrarKeyCard enrolled={key.data ?? undefined} keyId={keyId.data} />
      {key.data && keyId.data ? (
        <Card data-testid="registrar-acts">
          {/* Beside the forms where the six tabs do not fit in a row (a phone): a row that overflows gets Ant Design's
              "more" button inside the tablist, which a tablist may not hold (axe, aria-required-children). */}
          <Tabs
            tabPosition={narrow ? 'left' : 'top'}
            activeKey={tab}
            onChange={setTab}
            items={[
              ...ACTS.map((act) => ({ key: act.key, label: act.label, children: <ActForm act={act} form={forms[act.key]} signer={key.data!} keyId={keyId.data!} onDone={setReveal} /> })),
              { key: 'pool', label: t('专家库', 'Expert pool'), children: <ExpertPoolTab forms={forms} signer={key.data!} keyId={keyId.data!} /> },
            ]}
          />
        </Card>
      ) : (
        <Alert type="info" showIcon title={t('办理登记前，请先在本浏览器生成或导入登记员密钥，并由数据库管理员登记为登记员。', 'Before registering anything, make or import a registrar key in this browser and have the database owner enter it as a registrar.')} />
      )}
      <ExpertDisqualifications />
      <OrganisationTree onEnd={key.data ? endOf : undefined} reveal={reveal ?? key.data?.actor.organisation} />
    </Space>
  );
}

function RegistrarKeyCard({ enrolled, keyId }: { enrolled?: EnrolledKey; keyId?: string }) {
  const client = useQueryClient();
  const [form] = Form.useForm<{ name: string; government: string }>();
  const [error, setError] = useState<unknown>();
  const kept = () => client.invalidateQueries({ queryKey: ['registrar-key'] });
  const orgName = useOrganisationName();
  const actor = () => ({ id: form.getFieldValue('government') ?? '', name: form.getFieldValue('name') ?? t('登记员', 'registrar'), role: 'registrar', organisation: form.getFieldValue('government') ?? '' }) as unknown as EnrolledKey['actor'];
  return (
    <Card title={<span><KeyOutlined /> {t('登记员密钥', "Registrar's key")}</span>} data-testid="registrar-key">
      {enrolled && keyId && (
        <Descriptions
          column={1}
          bordered
          size="small"
          style={{ marginBottom: 16 }}
          items={[
            { label: t('登记员', 'Registrar'), children: t(`${enrolled.actor.name}（${orgName(enrolled.actor.organisation)}）`, `${enrolled.actor.name} (${orgName(enrolled.actor.organisation)})`) },
            { label: t('密钥编号', 'Key id'), children: <Typography.Text code data-testid="registrar-key-id">{keyId}</Typography.Text> },
            { label: t('公钥（十六进制）', 'Public key (hex)'), children: <Typography.Text code copyable={copyLabels('登记员公钥', "the registrar's public key")} data-testid="registrar-public-key">{enrolled.publicKey}</Typography.Text> },
            {
              label: t('由数据库管理员登记为登记员', 'Entered as a registrar by the database owner'),
              children: (
                <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}>
                  {`echo '${JSON.stringify({ algorithm: enrolled.algorithm, publicKey: enrolled.publicKey })}' > registrar-pub.json\nMIGRATION_DATABASE_URL=… node dist/infra/registrar.js add ${enrolled.actor.name} registrar-pub.json ${enrolled.actor.organisation}`}
                </pre>
              ),
            },
          ]}
        />
      )}
      <Form form={form} name="registrar-key" layout="inline" initialValues={{ name: enrolled?.actor.name, government: enrolled?.actor.organisation }} data-testid="registrar-key-form">
        <Form.Item name="name" label={t('登记员名称', "Registrar's name")} rules={[{ required: true, message: t('请填写登记员名称', "Please fill in the registrar's name") }]}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="government" label={t('所属政府编号', 'Government id')} rules={[{ required: true, message: t('请填写所属政府编号', 'Please fill in the government id') }]}>
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button
              type="primary"
              data-testid="registrar-generate"
              onClick={() =>
                void form.validateFields().then(async () => {
                  setError(undefined);
                  await enrol(actor(), 'registrar');
                  await kept();
                })
              }
            >
              {enrolled ? t('重新生成', 'Make a new key') : t('生成密钥', 'Make the key')}
            </Button>
            <Upload
              accept=".json,application/json"
              showUploadList={false}
              beforeUpload={(file) => {
                void form
                  .validateFields()
                  .then(async () => {
                    setError(undefined);
                    await importKeyFile(await file.text(), actor(), 'registrar');
                    await kept();
                  })
                  .catch((e: unknown) => setError(e instanceof Error ? e : undefined));
                return false;
              }}
            >
              <Button data-testid="registrar-import">{t('导入密钥文件', 'Import a key file')}</Button>
            </Upload>
          </Space>
        </Form.Item>
      </Form>
      {error instanceof Error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error.message} />}
    </Card>
  );
}

function ActForm({ act, form, signer, keyId, onDone }: { act: Act; form: FormInstance<Record<string, unknown>>; signer: EnrolledKey; keyId: string; onDone?: (organisationId: string) => void }) {
  const client = useQueryClient();
  const [prepared, setPrepared] = useState<Prepared<unknown>>();
  const signOff = useSignOff<unknown>(signer, (answer) => {
    const done = answer as { organisationId?: unknown; parentId?: unknown } | null;
    const where = done?.organisationId ?? done?.parentId;
    if (typeof where === 'string') onDone?.(where);
    forgetUnknownOrganisations();
    void client.invalidateQueries({ queryKey: ['organisations'] });
    void client.invalidateQueries({ queryKey: ['appointments'] });
    void client.invalidateQueries({ queryKey: ['expert-disqualifications'] });
    void client.invalidateQueries({ queryKey: ['expert-pool'] });
  });
  // The API names the field it refuses ('governmentId：…（…）'): its message goes under that field, in the reader's language.
  const placed = useApiFieldErrors(signOff.error, () => form, act.fields);
  const prepare = async () => {
    signOff.reset();
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const { text, path, body } = act.request(payloadOf(act.fields, form.getFieldsValue(true)));
    setPrepared({ text, send: (value) => apiPost(path, { ...body, endorsement: { keyId, value } }) });
  };
  return (
    <Row gutter={24} data-testid={`act-${act.key}`}>
      <Col xs={24} lg={12}>
        {/* Named: the forms share field names (validFrom …), and a form's name prefixes its fields' ids, which the labels point at. */}
        <Form form={form} name={`act-${act.key}`} layout="vertical" initialValues={act.initial?.()} onValuesChange={() => setPrepared(undefined)}>
          <FieldsForm fields={act.fields} />
        </Form>
        <Button type="primary" onClick={() => void prepare()} data-testid="prepare">
          {t('核对签署内容', 'Show what will be signed')}
        </Button>
      </Col>
      <Col xs={24} lg={12}>
        <SignOffCard prepared={prepared} signOff={signOff} keyId={keyId} placed={placed} title={t('登记员将要签署的内容（RFC 8785 规范化 JSON，按 UTF-8 签名）', 'What the registrar will sign (RFC 8785 canonical JSON, signed as UTF-8)')} />
        {signOff.isSuccess && <Alert style={{ marginTop: 12 }} type="success" showIcon data-testid="act-done" title={act.done} />}
      </Col>
    </Row>
  );
}

/**
 * The organisations as a tree opened a level at a time (GET /organisations?roots=true, then ?parentId=…), each opened
 * one with the appointments made in it (GET /appointments?organisationId=…): who holds which office, and until when.
 * The country registers some hundreds of thousands of organisations, so none is read before it is opened. Opened at
 * first down to the registrar's government, and after each act down to the organisation it acted in (`reveal`).
 */
function OrganisationTree({ onEnd, reveal }: { onEnd?: (appointmentId: string) => void; reveal?: string }) {
  const [expanded, setExpanded] = useState<string[]>([]);
  const roots = useQuery({ queryKey: ['organisations', 'roots'], queryFn: () => apiGetPages<Organisation>('/organisations?roots=true') });
  const children = useQueries({ queries: expanded.map((id) => ({ queryKey: ['organisations', 'children', id], queryFn: () => apiGetPages<Organisation>(`/organisations?parentId=${enc(id)}`) })) });
  const appointments = useQueries({ queries: expanded.map((id) => ({ queryKey: ['appointments', 'organisation', id], queryFn: () => apiGetPages<AppointmentRow>(`/appointments?organisationId=${enc(id)}`) })) });
  useEffect(() => {
    if (!reveal) return;
    let cancelled = false;
    void (async () => {
      // Up from the organisation to its root, a level a request (a handful of levels at most).
      const path: string[] = [];
      for (let id: string | null = reveal; id && path.length < 12 && !path.includes(id); ) {
        const [o]: (Organisation | undefined)[] = await apiGet<Organisation[]>(`/organisations?ids=${enc(id)}`).catch((): Organisation[] => []);
        if (!o) break;
        path.push(o.id);
        id = o.parentId;
      }
      if (!cancelled) setExpanded((e) => [...new Set([...e, ...path])]);
    })();
    return () => {
      cancelled = true;
    };
  }, [reveal]);
  const now = Date.now();
  const opened = new Map(expanded.map((id, i) => [id, { children: children[i], appointments: appointments[i] }]));
  const appointmentNode = (a: AppointmentRow): DataNode => {
    const standing = !a.endedAt && Date.parse(a.validTo) > now && Date.parse(a.validFrom) <= now;
    return {
      key: `ap:${a.id}`,
      isLeaf: true,
      title: (
        <span data-testid={`appointment-${a.id}`}>
          <Tag color={standing ? 'green' : 'default'}>{roleLabel(a.role)}</Tag>
          {t(`${a.personName}（${a.personId}） ${day(a.validFrom)}至${day(a.endedAt ?? a.validTo)}`, `${a.personName} (${a.personId}) ${day(a.validFrom)} to ${day(a.endedAt ?? a.validTo)}`)}
          {a.endedAt ? t('（已免职）', ' (ended)') : ''}
          {standing && onEnd && (
            <Button size="small" type="link" onClick={() => onEnd(a.id)}>
              {t('免职', 'End')}
            </Button>
          )}
        </span>
      ),
    };
  };
  const note = (key: string, text: string): DataNode => ({ key, isLeaf: true, selectable: false, title: <Typography.Text type="secondary">{text}</Typography.Text> });
  const node = (o: Organisation): DataNode => {
    const open = opened.get(o.id);
    const kids = open?.children.data;
    const held = open?.appointments.data;
    const error = open?.children.error ?? open?.appointments.error;
    return {
      key: o.id,
      title: (
        <span data-testid={`org-${o.id}`}>
          <Typography.Text strong>{o.name}</Typography.Text> <Typography.Text type="secondary">{o.id} · {KIND_TEXT[o.kind] ?? o.kind}</Typography.Text>
        </span>
      ),
      // Not opened yet: a placeholder, so that it can be.
      children: !open
        ? [note(`…:${o.id}`, t('展开后读取', 'Read when opened'))]
        : error
          ? [note(`!:${o.id}`, t('读取失败，请稍后重新展开', 'Could not be read: open it again later'))]
          : !kids || !held
            ? [note(`…:${o.id}`, t('正在读取…', 'Reading…'))]
            : [
                ...held.items.map(appointmentNode),
                ...kids.items.map(node),
                ...(kids.more || held.more ? [note(`+:${o.id}`, t('下级机构或任职较多，此处只列出前一部分', 'There are more units or appointments than are listed here'))] : []),
                ...(!kids.items.length && !held.items.length ? [note(`0:${o.id}`, t('无下级机构和任职', 'No units or appointments'))] : []),
              ],
    };
  };
  return (
    <Card title={<span><ApartmentOutlined /> {t('机构与任职', 'Organisations and offices')}</span>} data-testid="organisation-tree">
      <ApiErrorAlert error={roots.error} />
      {roots.data?.items.length ? (
        <Tree treeData={roots.data.items.map(node)} expandedKeys={expanded} onExpand={(keys) => setExpanded(keys.map(String))} showLine selectable={false} />
      ) : (
        !roots.isLoading && <Typography.Text type="secondary">{t('尚未登记机构', 'No organisation registered yet')}</Typography.Text>
      )}
    </Card>
  );
}

/** A disqualification as the API answers it (GET /expert-disqualifications). */
interface DisqualificationRow {
  id: string;
  expertId: string;
  expertName: string;
  governmentId: string;
  reason: string;
  basisHash: string | null;
  validFrom: string;
  validTo: string | null;
  registeredAt: string;
}

/** 取消评估资格的专家 (Art. 41): every expert disqualified, for which government's pool, why, and from when to when. */
function ExpertDisqualifications() {
  const list = useQuery({ queryKey: ['expert-disqualifications'], queryFn: () => apiGetPages<DisqualificationRow>('/expert-disqualifications') });
  const orgName = useOrganisationName();
  // In the order registered, as the register is kept (the API pages by id).
  const rows = [...(list.data?.items ?? [])].sort((a, b) => Date.parse(a.registeredAt) - Date.parse(b.registeredAt) || (a.id < b.id ? -1 : 1));
  return (
    <Card title={t('取消评估资格的专家（第四十一条）', 'Experts disqualified (Art. 41)')} data-testid="expert-disqualifications">
      <ApiErrorAlert error={list.error} />
      <ListTruncated more={list.data?.more} testId="disqualifications-truncated" title={t(`记录较多，此处列出按记录编号排列的前 ${list.data?.items.length} 条`, `There are many: the first ${list.data?.items.length} by record id are listed here`)} />
      <Table<DisqualificationRow>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyText failed={list.isError}>{t('尚无取消评估资格的专家', 'No expert has been disqualified')}</EmptyText> }}
        onRow={(r) => ({ 'data-testid': `disqualification-${r.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('记录编号', 'Record id'), dataIndex: 'id' },
          { title: t('专家', 'Expert'), render: (_, r) => t(`${r.expertName}（${r.expertId}）`, `${r.expertName} (${r.expertId})`) },
          { title: t('专家库', 'Pool of'), dataIndex: 'governmentId', render: (id: string) => orgName(id) },
          { title: t('理由', 'Reason'), dataIndex: 'reason' },
          { title: t('期间', 'In force'), render: (_, r) => t(`${day(r.validFrom)}至${r.validTo ? day(r.validTo) : '长期'}`, `${day(r.validFrom)} to ${r.validTo ? day(r.validTo) : 'further notice'}`) },
          { title: t('决定文件', 'Decision'), dataIndex: 'basisHash', render: (h: string | null) => (h ? <Hash value={h} what={{ zh: '决定文件', en: 'the decision' }} /> : '—') },
          { title: t('登记时间', 'Registered'), dataIndex: 'registeredAt', render: (v: string) => dayTime(v) },
        ]}
      />
    </Card>
  );
}

/** A pool entry as the API answers it (GET /expert-pool), with where it stands now. */
interface PoolEntryRow {
  id: string;
  expertId: string;
  expertName: string;
  governmentId: string;
  fields: string[];
  institution: string | null;
  validFrom: string;
  validTo: string | null;
  endedAt: string | null;
  endReason: string | null;
  standing: 'in-force' | 'not-yet' | 'expired' | 'ended' | 'disqualified';
  disqualificationId: string | null;
}
interface PoolView {
  governmentId: string;
  pools: { governmentId: string; name: string }[];
  entries: PoolEntryRow[];
}


/**
 * 专家库 (Art. 21): entering an expert into the registrar's government's pool, or ending a membership (退出), and the
 * pools a government's decisions may use: its own and those above it (para. 3), read by its officials and inspectors.
 */
function ExpertPoolTab({ forms, signer, keyId }: { forms: Record<string, FormInstance<Record<string, unknown>>>; signer: EnrolledKey; keyId: string }) {
  const [which, setWhich] = useState('pool-enter');
  const [governmentId, setGovernmentId] = useState(signer.actor.organisation);
  const act = POOL_ACTS.find((a) => a.key === which)!;
  const endOf = (entryId: string) => {
    setWhich('pool-end');
    // The end form is drawn once chosen: filled in on the next render.
    setTimeout(() => forms['pool-end'].setFieldsValue({ entryId }));
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="expert-pool-tab">
      <Typography.Text type="secondary">
        {t(
          '省、自治区、直辖市人民政府应当建立决策咨询论证专家库，健全专家诚信考核和退出机制；市、县级人民政府可以根据需要建立；没有建立专家库的，可以使用上级行政机关的专家库（第二十一条）。被取消评估资格的专家（第四十一条）不再列为该政府及其下级政府专家库的在库专家。',
          'Provinces keep a decision-consulting expert pool with integrity reviews and exit; cities and counties may keep one; a government without one may use a higher one (Art. 21). An expert disqualified under Art. 41 is no longer in force in the pools of that government and those below it.',
        )}
      </Typography.Text>
      <Radio.Group optionType="button" value={which} onChange={(e) => setWhich(String(e.target.value))} aria-label={t('专家库登记事项', 'Expert pool act')} data-testid="pool-act" options={POOL_ACTS.map((a) => ({ value: a.key, label: a.label }))} />
      <ActForm key={act.key} act={act} form={forms[act.key]} signer={signer} keyId={keyId} />
      <ExpertPoolList governmentId={governmentId} onGovernment={setGovernmentId} onEnd={endOf} />
    </Space>
  );
}

function ExpertPoolList({ governmentId, onGovernment, onEnd }: { governmentId: string; onGovernment: (id: string) => void; onEnd: (entryId: string) => void }) {
  const pool = useQuery({ queryKey: ['expert-pool', governmentId], queryFn: () => apiGet<PoolView>(`/expert-pool?governmentId=${enc(governmentId)}`), enabled: !!governmentId, retry: false });
  const orgName = useOrganisationName();
  return (
    <Card size="small" title={t('可以使用的专家库（本级及上级）', 'Pools it may use (its own and those above)')} data-testid="expert-pool">
      {/* Unnamed: a named form takes its name as its id, which the input's own would then share. */}
      <Form layout="inline" style={{ marginBottom: 12 }}>
        <Form.Item label={t('政府编号', 'Government id')} htmlFor="expert-pool-government-id">
          <Input.Search id="expert-pool-government-id" defaultValue={governmentId} enterButton={t('查看', 'Show')} onSearch={(v) => onGovernment(v.trim())} style={{ width: 240 }} data-testid="pool-government" />
        </Form.Item>
      </Form>
      <ApiErrorAlert error={pool.error} />
      <ScrollRegion label={t('专家库名单（可横向滚动）', 'Pool list (scrolls sideways)')} minWidth={640}>
        <Table<PoolEntryRow>
          rowKey="id"
          size="small"
          loading={pool.isLoading && !!governmentId}
          dataSource={pool.data?.entries}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <EmptyText failed={pool.isError}>{t('专家库中尚无专家', 'No expert in these pools yet')}</EmptyText> }}
          onRow={(r) => ({ 'data-testid': `pool-entry-${r.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('记录编号', 'Record id'), dataIndex: 'id' },
            { title: t('专家', 'Expert'), render: (_, r) => t(`${r.expertName}（${r.expertId}）`, `${r.expertName} (${r.expertId})`) },
            { title: t('专业领域', 'Fields'), dataIndex: 'fields', render: (f: string[]) => f.join(t('、', ', ')) },
            { title: t('工作单位', 'Institution'), dataIndex: 'institution', render: (v: string | null) => v ?? '—' },
            { title: t('专家库', 'Pool of'), dataIndex: 'governmentId', render: (id: string) => orgName(id) },
            { title: t('期间', 'Term'), render: (_, r) => t(`${day(r.validFrom)}至${r.validTo ? day(r.validTo) : '长期'}`, `${day(r.validFrom)} to ${r.validTo ? day(r.validTo) : 'further notice'}`) },
            {
              title: t('状态', 'Standing'),
              dataIndex: 'standing',
              render: (v: string, r) => (
                <Space size={4} wrap>
                  <Tag color={poolStandingText(v)[1]}>{poolStandingText(v)[0]}</Tag>
                  {r.endReason && <Typography.Text type="secondary">{r.endReason}</Typography.Text>}
                  {r.disqualificationId && <Typography.Text type="secondary">{r.disqualificationId}</Typography.Text>}
                </Space>
              ),
            },
            {
              title: t('操作', 'Action'),
              render: (_, r) =>
                !r.endedAt && (r.standing === 'in-force' || r.standing === 'not-yet') ? (
                  <Button size="small" type="link" onClick={() => onEnd(r.id)} aria-label={t(`${r.expertName}退出专家库`, `${r.expertName} leaves the pool`)}>
                    {t('退出', 'End')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </ScrollRegion>
    </Card>
  );
}
