import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Col, Form, Row, Space } from 'antd';
import { useState } from 'react';
import {
  DECISION_ID_PATTERN,
  NATIONAL_PROFILE,
  PROFILES,
  registrationPayload,
  Role,
  type Actor,
  type CatalogItemView,
  type DecisionRegistration,
  type RegistrationReceipt,
} from '../../../../libs/domain';
import { art } from '../../../../libs/domain/procedure/articles';
import { apiGetPages, apiPost, enc } from '../api/client';
import { BasisCard, PrepareButton } from '../components/BasisCard';
import { SignedResult, SignOffCard, useSignOff, type Prepared } from '../components/SignOff';
import { FieldsForm, payloadOf, useApiFieldErrors, type Field } from '../forms/fields';
import { half, t } from '../i18n';
import { useMyOffices } from '../identity';
import type { EnrolledKey } from '../signing/keystore';
import { signOffText } from '../signing/sign';

/** What registering a decision takes: its no., title, the catalog item it comes from, its legal basis, its rules. */
function registrationFields(items: readonly CatalogItemView[], actor: Actor): Field[] {
  return [
    {
      kind: 'text',
      name: 'id', testId: 'register-id',
      label: t('决策编号', 'Decision no.'),
      required: true,
      placeholder: 'SZ-2026-0001',
      pattern: { regex: DECISION_ID_PATTERN, message: t('3至64个字母、数字或者 .、_、-，以字母或者数字开头', '3-64 letters, digits, ".", "_" or "-", starting with a letter or digit') },
      help: t('本机关自定的编号，登记后不能更改；与已登记决策仅大小写不同的编号不予登记', 'Your organ’s own number, fixed once registered; one differing from a registered decision’s only in case is refused'),
    },
    { kind: 'text', name: 'title', testId: 'register-title', label: t('决策名称', 'Title'), required: true, max: 300, placeholder: t('关于调整城市公共交通票价的决定', 'Decision on adjusting public transport fares') },
    {
      kind: 'select',
      name: 'catalogRef', testId: 'register-catalog',
      label: t('决策事项目录中的事项', 'Catalog item'),
      required: true,
      options: items.map((i) => ({ value: i.ref, label: `${i.ref} ${i.title}（${i.organName ?? i.organ}，${i.year}）` })),
      help: t('重大行政决策应当出自决策机关公布的目录（第三条）', 'A major decision comes from the catalog its organ published (Art. 3)'),
    },
    { kind: 'strings', name: 'legalBasis', testId: 'register-basis', label: t('法律、法规、规章和政策依据', 'Legal basis'), required: true, placeholder: t('如《价格法》，输入后回车', 'e.g. the Price Law; type, then Enter') },
    { kind: 'text', name: 'undertakingDepartment', testId: 'register-unit', label: t('决策承办单位（机构编号）', 'Undertaking unit (organisation id)'), required: true, placeholder: actor.organisation, help: t('由承办单位的工作人员登记（第十一条）', 'Registered by an official of the undertaking unit (Art. 11)') },
    {
      kind: 'select',
      name: 'profile', testId: 'register-profile',
      label: t('适用的程序规定', 'Procedure rules'),
      options: Object.values(PROFILES).map((p) => ({ value: p.id, label: half(p.name, p.id) })),
      help: t('本地区有程序规定的，适用本地区的规定（第四十三条）', 'Where the area has its own rules, they apply (Art. 43)'),
    },
    { kind: 'text', name: 'decidingOrgan', testId: 'register-organ', label: t('决策机关（部门决定本部门事项时填写其机构编号）', 'Deciding organ (a department deciding its own matter: its organisation id)'), help: t('不填即由本级人民政府决策（第二条、第四十二条）', 'Left empty, the government decides (Arts. 2, 42)') },
  ];
}

/**
 * 登记决策: the undertaking unit's official registers a decision from the catalog (Arts. 3, 11), signing the registration
 * in this browser as the record keeps it (the matter types are the catalog item's, signed with it).
 */
export function RegisterCard({ enrolled, keyId }: { enrolled: EnrolledKey; keyId: string }) {
  // Only the undertaking unit registers (Art. 11): shown to one who holds its office, registering in it.
  const { offices, settled } = useMyOffices(enrolled.actor.id);
  const unit = offices.find((o) => o.role === Role.UndertakingUnit);
  if (!settled || !unit) return null;
  return <RegisterForm enrolled={enrolled} keyId={keyId} actor={{ id: enrolled.actor.id, name: unit.personName, role: unit.role, organisation: unit.organisation }} />;
}

function RegisterForm({ enrolled, keyId, actor }: { enrolled: EnrolledKey; keyId: string; actor: Actor }) {
  const client = useQueryClient();
  const [form] = Form.useForm<Record<string, unknown>>();
  const year = new Date().getFullYear();
  const items = useQuery({
    queryKey: ['catalog-for-registration', year],
    queryFn: async () => [...(await apiGetPages<CatalogItemView>(`/catalog-items?year=${year}`)).items, ...(await apiGetPages<CatalogItemView>(`/catalog-items?year=${year + 1}`)).items],
  });
  const fields = registrationFields(items.data ?? [], actor);
  const [prepared, setPrepared] = useState<Prepared<RegistrationReceipt> & { id: string }>();
  const [problem, setProblem] = useState<string>();
  const signOff = useSignOff<RegistrationReceipt>(enrolled, () => void client.invalidateQueries({ queryKey: ['decisions'] }));
  const placed = useApiFieldErrors(signOff.error, () => form, fields);
  const withdraw = () => setPrepared(undefined);

  const prepare = async () => {
    setProblem(undefined);
    signOff.reset();
    try {
      await form.validateFields();
    } catch {
      return setProblem(t('请先补全表单', 'Please complete the form first'));
    }
    const v = payloadOf(fields, form.getFieldsValue(true)) as { id: string; title: string; catalogRef: string; legalBasis: string[]; undertakingDepartment: string; profile?: string; decidingOrgan?: string };
    // The matter types are the catalog item's (Art. 3 para. 2): named, and signed, as the catalog has them.
    const matterTypes = items.data?.find((i) => i.ref === v.catalogRef)?.matterTypes ?? [];
    const fieldsSent = { ...v, id: v.id.trim(), profile: v.profile ?? NATIONAL_PROFILE, ...(matterTypes.length ? { matterTypes: [...matterTypes] } : {}) };
    const payload = registrationPayload(fieldsSent as unknown as DecisionRegistration);
    const text = signOffText({ decisionId: fieldsSent.id, action: 'register', actor, payload, idempotencyKey: fieldsSent.id });
    setPrepared({ id: fieldsSent.id, text, send: (value) => apiPost<RegistrationReceipt>('/decisions', { ...fieldsSent, actor, signature: { keyId, value } }) });
  };

  return (
    <Card title={t('登记决策', 'Register a decision')} data-testid="register">
      <Row gutter={24}>
        <Col xs={24} lg={14}>
          <Form form={form} name="register" layout="vertical" onValuesChange={withdraw} initialValues={{ undertakingDepartment: actor.organisation, profile: NATIONAL_PROFILE }} data-testid="form-register">
            <FieldsForm fields={fields} />
          </Form>
          <PrepareButton onClick={() => void prepare()} testId="register-prepare" />
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <BasisCard
              title={t('登记决策：依据', 'Registration: basis')}
              citations={[art(3), art(11)]}
              intro={t('决策承办单位登记出自决策事项目录的决策，登记即开始记录其决策程序；登记内容经本人签名后不能更改。', 'The undertaking unit registers a decision from the catalog; its record begins with the registration, which once signed does not change.')}
            />
            {items.isError && <Alert type="warning" showIcon title={t('未能读取决策事项目录', 'The catalog could not be read')} />}
            {problem && <Alert type="error" showIcon title={problem} />}
            <SignOffCard prepared={prepared} signOff={signOff} keyId={keyId} placed={placed} />
            {signOff.data && prepared && (
              <SignedResult
                testId="register-accepted"
                title={t(`决策 ${signOff.data.id} 已登记`, `Decision ${signOff.data.id} is registered`)}
                decisionId={signOff.data.id}
                next={{ to: `/sign?decision=${enc(signOff.data.id)}&action=submitDraft`, label: t('提交决策草案', 'Submit the draft') }}
              />
            )}
          </Space>
        </Col>
      </Row>
    </Card>
  );
}
