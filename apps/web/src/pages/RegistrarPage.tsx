import { ApartmentOutlined, KeyOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Space, Tabs, Tag, Tree, Typography, Upload, type FormInstance } from 'antd';
import type { DataNode } from 'antd/es/tree';
import dayjs from 'dayjs';
import { useState } from 'react';
import { APPOINTMENT_ROLES, GOVERNMENT_LEVELS, ORGANISATION_KINDS, type Appointment, type Organisation } from '../../../../libs/domain';
import { appointmentEndorsementText, appointmentEndText, keyEndorsementText, organisationEndorsementText } from '../../../../libs/record/endorsement-text';
import { apiGet, apiPost, enc } from '../api/client';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { SignOffCard, useSignOff, type Prepared } from '../components/SignOff';
import { FieldsForm, payloadOf, type Field } from '../forms/fields';
import { day, roleText } from '../format';
import { t } from '../i18n';
import { useOrganisationName, useOrganisations } from '../names';
import { enrol, importKeyFile, keyIdOf, loadKey, type EnrolledKey } from '../signing/keystore';

const KIND_ZH: Record<string, string> = { government: '人民政府', general_office: '办公厅（室）', department: '工作部门', legality_review_body: '合法性审查机构', office: '内设机构', outside_body: '政府以外的机构' };
const LEVEL_ZH: Record<string, string> = { national: '国家', province: '省级', city: '市级', county: '县级', township: '乡级' };
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

const iso = (v: unknown) => String(v);
const ACTS: Act[] = [
  {
    key: 'endorse',
    label: t('背书签名密钥', 'Endorse a key'),
    done: '签名密钥已登记',
    initial: term,
    fields: [
      { kind: 'text', name: 'actorId', label: '工号', required: true },
      { kind: 'text', name: 'publicKey', label: '公钥（Ed25519，十六进制，由本人在“签署”页生成）', required: true },
      { kind: 'datetime', name: 'validFrom', label: '有效期自', required: true },
      { kind: 'datetime', name: 'validTo', label: '有效期至', required: true },
    ],
    request: (v) => {
      const body = { actorId: String(v.actorId), algorithm: 'ed25519', publicKey: String(v.publicKey).trim().toLowerCase(), validFrom: iso(v.validFrom), validTo: iso(v.validTo) };
      return { text: keyEndorsementText(body), path: '/actor-keys', body };
    },
  },
  {
    key: 'organisation',
    label: t('登记机构', 'Register an organisation'),
    done: '机构已登记',
    fields: [
      { kind: 'text', name: 'id', label: '机构编号', required: true, placeholder: '例如 sz-jtj-ysc' },
      { kind: 'text', name: 'name', label: '机构名称', required: true },
      { kind: 'select', name: 'kind', label: '类别', required: true, options: pick(ORGANISATION_KINDS, (k) => KIND_ZH[k] ?? k) },
      { kind: 'text', name: 'parentId', label: '所属机构编号（最上级政府不填）' },
      { kind: 'select', name: 'level', label: '政府层级（仅政府填写）', options: pick(GOVERNMENT_LEVELS, (l) => LEVEL_ZH[l] ?? l) },
      { kind: 'text', name: 'creditCode', label: '统一社会信用代码（可选）' },
    ],
    request: (v) => {
      const body = v as { id: string; name: string; kind: string; parentId?: string; level?: string; creditCode?: string };
      return { text: organisationEndorsementText(body), path: '/organisations', body };
    },
  },
  {
    key: 'appoint',
    label: t('任职', 'Appoint'),
    done: '任职已登记',
    initial: term,
    fields: [
      { kind: 'text', name: 'id', label: '任职编号', required: true, placeholder: '例如 ap-2026-0101' },
      { kind: 'text', name: 'personId', label: '工号', required: true },
      { kind: 'text', name: 'personName', label: '姓名', required: true },
      { kind: 'select', name: 'role', label: '角色', required: true, options: pick(APPOINTMENT_ROLES, roleLabel) },
      { kind: 'text', name: 'organisationId', label: '机构编号', required: true },
      { kind: 'datetime', name: 'validFrom', label: '任期自', required: true },
      { kind: 'datetime', name: 'validTo', label: '任期至', required: true },
    ],
    request: (v) => {
      const body = v as { id: string; personId: string; personName: string; role: string; organisationId: string; validFrom: string; validTo: string };
      return { text: appointmentEndorsementText(body), path: '/appointments', body };
    },
  },
  {
    key: 'end',
    label: t('免职', 'End an appointment'),
    done: '任职已终止',
    initial: () => ({ endedAt: dayjs().add(10, 'minute') }),
    fields: [
      { kind: 'text', name: 'appointmentId', label: '任职编号', required: true },
      { kind: 'datetime', name: 'endedAt', label: '终止时间（不得早于现在）', required: true },
      { kind: 'text', name: 'reason', label: '理由', required: true, long: true },
    ],
    request: (v) => {
      const { appointmentId, ...body } = v as { appointmentId: string; endedAt: string; reason: string };
      return { text: appointmentEndText({ appointmentId, ...body }), path: `/appointments/${enc(appointmentId)}/end`, body };
    },
  },
];

/** 登记员: the registrar's key, their acts, and the organisations with who holds which office. */
export function RegistrarPage() {
  const key = useQuery({ queryKey: ['registrar-key'], queryFn: async () => (await loadKey('registrar')) ?? null });
  const keyId = useQuery({ queryKey: ['registrar-key-id', key.data?.publicKey], queryFn: () => keyIdOf('ed25519', key.data!.publicKey), enabled: !!key.data });
  const [tab, setTab] = useState('endorse');
  const forms = Object.fromEntries(ACTS.map((a) => [a.key, Form.useForm<Record<string, unknown>>()[0]])) as Record<string, FormInstance<Record<string, unknown>>>;
  const endOf = (appointmentId: string) => {
    setTab('end');
    forms.end.setFieldsValue({ appointmentId });
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('登记员', 'Registrar')}</Typography.Title>
      <RegistrarKeyCard enrolled={key.data ?? undefined} keyId={keyId.data} />
      {key.data && keyId.data ? (
        <Card data-testid="registrar-acts">
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={ACTS.map((act) => ({ key: act.key, label: act.label, children: <ActForm act={act} form={forms[act.key]} signer={key.data!} keyId={keyId.data!} /> }))}
          />
        </Card>
      ) : (
        <Alert type="info" showIcon title="办理登记前，请先在本浏览器生成或导入登记员密钥，并由数据库管理员登记为登记员。" />
      )}
      <OrganisationTree onEnd={key.data ? endOf : undefined} />
    </Space>
  );
}

function RegistrarKeyCard({ enrolled, keyId }: { enrolled?: EnrolledKey; keyId?: string }) {
  const client = useQueryClient();
  const [form] = Form.useForm<{ name: string; government: string }>();
  const [error, setError] = useState<unknown>();
  const kept = () => client.invalidateQueries({ queryKey: ['registrar-key'] });
  const orgName = useOrganisationName();
  const actor = () => ({ id: form.getFieldValue('government') ?? '', name: form.getFieldValue('name') ?? '登记员', role: 'registrar', organisation: form.getFieldValue('government') ?? '' }) as unknown as EnrolledKey['actor'];
  return (
    <Card title={<span><KeyOutlined /> {t('登记员密钥', "Registrar's key")}</span>} data-testid="registrar-key">
      {enrolled && keyId && (
        <Descriptions
          column={1}
          bordered
          size="small"
          style={{ marginBottom: 16 }}
          items={[
            { label: '登记员', children: `${enrolled.actor.name}（${orgName(enrolled.actor.organisation)}）` },
            { label: '密钥编号', children: <Typography.Text code data-testid="registrar-key-id">{keyId}</Typography.Text> },
            { label: '公钥（十六进制）', children: <Typography.Text code copyable data-testid="registrar-public-key">{enrolled.publicKey}</Typography.Text> },
            {
              label: '由数据库管理员登记为登记员',
              children: (
                <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}>
                  {`echo '${JSON.stringify({ algorithm: 'ed25519', publicKey: enrolled.publicKey })}' > registrar-pub.json\nMIGRATION_DATABASE_URL=… node dist/infra/registrar.js add ${enrolled.actor.name} registrar-pub.json ${enrolled.actor.organisation}`}
                </pre>
              ),
            },
          ]}
        />
      )}
      <Form form={form} layout="inline" initialValues={{ name: enrolled?.actor.name, government: enrolled?.actor.organisation }} data-testid="registrar-key-form">
        <Form.Item name="name" label="登记员名称" rules={[{ required: true, message: '请填写登记员名称' }]}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="government" label="所属政府编号" rules={[{ required: true, message: '请填写所属政府编号' }]}>
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
              {enrolled ? '重新生成' : '生成密钥'}
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
              <Button data-testid="registrar-import">导入密钥文件（Ed25519）</Button>
            </Upload>
          </Space>
        </Form.Item>
      </Form>
      {error instanceof Error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error.message} />}
    </Card>
  );
}

function ActForm({ act, form, signer, keyId }: { act: Act; form: FormInstance<Record<string, unknown>>; signer: EnrolledKey; keyId: string }) {
  const client = useQueryClient();
  const [prepared, setPrepared] = useState<Prepared<unknown>>();
  const signOff = useSignOff<unknown>(signer, () => {
    void client.invalidateQueries({ queryKey: ['organisations'] });
    void client.invalidateQueries({ queryKey: ['appointments'] });
  });
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
        <Form form={form} layout="vertical" initialValues={act.initial?.()} onValuesChange={() => setPrepared(undefined)}>
          <FieldsForm fields={act.fields} />
        </Form>
        <Button type="primary" onClick={() => void prepare()} data-testid="prepare">
          核对签署内容
        </Button>
      </Col>
      <Col xs={24} lg={12}>
        <SignOffCard prepared={prepared} signOff={signOff} keyId={keyId} title="登记员将要签署的内容（RFC 8785 规范化 JSON，按 UTF-8 签名）" />
        {signOff.isSuccess && <Alert style={{ marginTop: 12 }} type="success" showIcon data-testid="act-done" title={act.done} />}
      </Col>
    </Row>
  );
}

/** The organisations as a tree, each with the appointments made in it (who holds which office, and until when). */
function OrganisationTree({ onEnd }: { onEnd?: (appointmentId: string) => void }) {
  const organisations = useOrganisations();
  const appointments = useQuery({ queryKey: ['appointments'], queryFn: () => apiGet<AppointmentRow[]>('/appointments') });
  const now = Date.now();
  const node = (o: Organisation): DataNode => ({
    key: o.id,
    title: (
      <span data-testid={`org-${o.id}`}>
        <Typography.Text strong>{o.name}</Typography.Text> <Typography.Text type="secondary">{o.id} · {KIND_ZH[o.kind] ?? o.kind}</Typography.Text>
      </span>
    ),
    children: [
      ...(appointments.data ?? [])
        .filter((a) => a.organisationId === o.id)
        .map((a): DataNode => {
          const standing = !a.endedAt && Date.parse(a.validTo) > now && Date.parse(a.validFrom) <= now;
          return {
            key: `ap:${a.id}`,
            isLeaf: true,
            title: (
              <span data-testid={`appointment-${a.id}`}>
                <Tag color={standing ? 'green' : 'default'}>{roleLabel(a.role)}</Tag>
                {a.personName}（{a.personId}） {day(a.validFrom)}至{day(a.endedAt ?? a.validTo)}
                {a.endedAt ? '（已免职）' : ''}
                {standing && onEnd && (
                  <Button size="small" type="link" onClick={() => onEnd(a.id)}>
                    免职
                  </Button>
                )}
              </span>
            ),
          };
        }),
      ...(organisations.data ?? []).filter((c) => c.parentId === o.id).map(node),
    ],
  });
  const roots = (organisations.data ?? []).filter((o) => !o.parentId);
  return (
    <Card title={<span><ApartmentOutlined /> {t('机构与任职', 'Organisations and offices')}</span>} data-testid="organisation-tree">
      <ApiErrorAlert error={organisations.error ?? appointments.error} />
      {roots.length ? <Tree treeData={roots.map(node)} defaultExpandAll showLine selectable={false} key={`${organisations.dataUpdatedAt}-${appointments.dataUpdatedAt}`} /> : <Typography.Text type="secondary">尚未登记机构</Typography.Text>}
    </Card>
  );
}
