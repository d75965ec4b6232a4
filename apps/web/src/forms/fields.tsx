import { Button, Card, Checkbox, Form, Input, InputNumber, Select, Typography, type FormInstance } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { bilingualText } from '../components/ApiErrorAlert';
import { DateTimePicker } from '../components/DateTimePicker';
import { DocumentField } from '../components/DocumentField';
import { t } from '../i18n';
import { placeApiMessages } from './api-errors';
import { visibleText } from './rules';
import { TEXT_MAX } from '../../../../libs/domain';
import type { Field } from './payload';

export { dependsOnRules, fieldsFor, options, payloadOf, valuesOf, type Field } from './payload';

/** Draws a field list (payload.ts) with Ant Design, each input with its test id. */
function FieldItem({ field, path, testId }: { field: Field; path: (string | number)[]; testId: string }) {
  // Only a text's rule says whitespace: any key beside `required` makes Ant Design's validator check the value as a string.
  const rules = [
    // A choice is chosen, not filled in (论证方式: 请选择, the second tester).
    // A list typed in is filled in when it names something: a blank tag (from a template) passed as filled in (second
    // tester: no execution unit named, sent to the API).
    ...(field.required && field.kind === 'strings' ? [{ validator: async (_r: unknown, v: unknown) => ((Array.isArray(v) && v.some((x) => typeof x === 'string' && x.trim())) ? undefined : Promise.reject(new Error(t(`请填写${field.label}`, `Please fill in: ${field.label}`)))) }] : []),
    ...(field.required && field.kind !== 'strings' ? [{ required: true, ...(field.kind === 'text' ? { whitespace: true } : {}), message: field.kind === 'select' ? t(`请选择${field.label}`, `Please choose: ${field.label}`) : t(`请填写${field.label}`, `Please fill in: ${field.label}`) }] : []),
    ...(field.kind === 'text' && field.pattern ? [{ pattern: field.pattern.regex, message: field.pattern.message }] : []),
    // The API's limit said before signing (second tester: a 2,520-character reason was signed, then refused).
    ...(field.kind === 'text' ? [{ max: field.max ?? TEXT_MAX, message: t(`${field.label}不超过 ${field.max ?? TEXT_MAX} 字`, `${field.label}: at most ${field.max ?? TEXT_MAX} characters`) }] : []),
    // What the API refuses in any field (libs/domain/input.ts): said here, under the field, before sending.
    ...(field.kind === 'text' || field.kind === 'strings' ? [{ validator: visibleText(field.label) }] : []),
  ];
  const common = { name: path, label: field.label, rules, extra: field.help };
  switch (field.kind) {
    case 'hash':
      return (
        <Form.Item {...common} rules={field.required ? [{ required: true, message: t(`请选择${field.label}文件`, `Please choose the file: ${field.label}`) }] : []}>
          <DocumentField testId={testId} />
        </Form.Item>
      );
    case 'text':
      return <Form.Item {...common}>{field.long ? <Input.TextArea rows={3} data-testid={testId} placeholder={field.placeholder} /> : <Input data-testid={testId} placeholder={field.placeholder} />}</Form.Item>;
    case 'number':
      return (
        <Form.Item {...common}>
          <InputNumber min={field.min} max={field.max} data-testid={testId} />
        </Form.Item>
      );
    case 'boolean':
      return (
        <Form.Item name={path} valuePropName="checked" extra={field.help}>
          <Checkbox data-testid={testId}>{field.label}</Checkbox>
        </Form.Item>
      );
    case 'select':
      return (
        <Form.Item {...common}>
          <Select mode={field.multiple ? 'multiple' : undefined} options={[...field.options]} data-testid={testId} style={{ maxWidth: 420 }} />
        </Form.Item>
      );
    case 'datetime':
      return (
        <Form.Item {...common}>
          <DateTimePicker data-testid={testId} />
        </Form.Item>
      );
    case 'strings':
      return (
        <Form.Item {...common} required={field.required}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} placeholder={field.placeholder ?? t('输入后回车', 'Type, then Enter')} data-testid={testId} />
        </Form.Item>
      );
    case 'group':
      return (
        <Card size="small" title={field.label} style={{ marginBottom: 16 }}>
          {field.fields.map((f) => (
            <FieldItem key={f.name} field={f} path={[...path, f.name]} testId={`${testId}-${f.testId ?? f.name}`} />
          ))}
        </Card>
      );
    case 'list':
      return (
        <Form.List name={path} rules={field.required ? [{ validator: async (_r, v: unknown[]) => (v?.length ? undefined : Promise.reject(new Error(t(`请至少添加一项${field.itemLabel}`, `Please add at least one: ${field.itemLabel}`)))) }] : []}>
          {(items, { add, remove }, { errors }) => (
            <div style={{ marginBottom: 16 }}>
              <Typography.Text strong>{field.label}</Typography.Text>
              {items.map((it, i) => (
                <Card key={it.key} size="small" title={`${field.itemLabel} ${i + 1}`} extra={
                    <Button type="link" size="small" danger aria-label={t(`删除${field.itemLabel} ${i + 1}`, `Remove ${field.itemLabel} ${i + 1}`)} onClick={() => remove(it.name)}>
                      {t('删除', 'Remove')}
                    </Button>
                  } style={{ margin: '8px 0' }}>
                  {field.item.map((f) => (
                    <FieldItem key={f.name} field={f} path={[it.name, f.name]} testId={`${testId}-${i}-${f.testId ?? f.name}`} />
                  ))}
                </Card>
              ))}
              <div>
                <Button onClick={() => add({})} data-testid={`add-${testId}`} style={{ marginTop: 8 }}>
                  {t(`添加${field.itemLabel}`, `Add: ${field.itemLabel}`)}
                </Button>
              </div>
              <Form.ErrorList errors={errors} />
            </div>
          )}
        </Form.List>
      );
  }
}

/** The fields, drawn inside an Ant Design Form the caller owns. */
export function FieldsForm({ fields }: { fields: readonly Field[] }) {
  return (
    <>
      {fields.map((f) => (
        <FieldItem key={f.name} field={f} path={[f.name]} testId={f.testId ?? f.name} />
      ))}
    </>
  );
}


/**
 * The API's refusal of what a form sent, beside the fields it names (api-errors.ts), in the reader's language: set
 * once per answer, so a field corrected clears its own. Answers the messages so placed, for the general alert
 * (ApiErrorAlert's `placed`) to leave out; the rest stay there.
 */
export function useApiFieldErrors(error: unknown, form: () => FormInstance | undefined, fields: readonly Field[] | undefined): string[] {
  const latest = useRef({ form, fields });
  latest.current = { form, fields };
  const [placed, setPlaced] = useState<string[]>([]);
  useEffect(() => {
    const { form: formOf, fields: drawn } = latest.current;
    const target = formOf();
    if (!(error instanceof ApiError) || !target || !drawn) return setPlaced([]);
    const found = placeApiMessages(error.messages, drawn).placed;
    const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
    for (const p of found) {
      const key = JSON.stringify(p.name);
      byField.set(key, { name: p.name, errors: [...(byField.get(key)?.errors ?? []), bilingualText(p.message)] });
    }
    if (byField.size) target.setFields([...byField.values()]);
    setPlaced(found.map((p) => p.source));
  }, [error]);
  return placed;
}
