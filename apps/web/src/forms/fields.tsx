import { Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DocumentField } from '../components/DocumentField';

/**
 * One generic way to write a signed request as a form: a list of fields
 * describes the payload (its names are the payload's own keys), FieldsForm
 * draws it with Ant Design, and payloadOf turns what was filled in into the
 * payload, leaving out what was left empty. The step forms (step-forms.ts) and
 * the registrar's forms are all written this way.
 */
interface Common<N extends string = string> {
  name: N;
  label: string;
  required?: boolean;
  help?: string;
  /** The test id of its input; the name by default. */
  testId?: string;
}
export type Field<N extends string = string> = Common<N> &
  (
    | { kind: 'hash' }
    | { kind: 'text'; long?: boolean; placeholder?: string }
    | { kind: 'number'; min?: number; max?: number }
    | { kind: 'boolean' }
    | { kind: 'select'; options: readonly { value: string; label: string }[] }
    /** ISO 8601 with the offset, e.g. 2026-12-04T09:00:00+08:00. */
    | { kind: 'datetime' }
    /** Several short texts (channels, ids). */
    | { kind: 'strings'; placeholder?: string }
    /** A list of objects, each with the item's fields. */
    | { kind: 'list'; item: Field[]; itemLabel: string }
    /** A nested object. */
    | { kind: 'group'; fields: Field[] }
  );

export const options = <T extends string>(labels: Record<T, string>) => (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));

function FieldItem({ field, path, testId }: { field: Field; path: (string | number)[]; testId: string }) {
  const rules = field.required ? [{ required: true, message: `请填写${field.label}` }] : [];
  const common = { name: path, label: field.label, rules, extra: field.help };
  switch (field.kind) {
    case 'hash':
      return (
        <Form.Item {...common} rules={field.required ? [{ required: true, message: `请选择${field.label}文件` }] : []}>
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
          <Select options={[...field.options]} data-testid={testId} style={{ maxWidth: 420 }} />
        </Form.Item>
      );
    case 'datetime':
      return (
        <Form.Item {...common}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid={testId} />
        </Form.Item>
      );
    case 'strings':
      return (
        <Form.Item {...common}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} placeholder={field.placeholder ?? '输入后回车'} data-testid={testId} />
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
        <Form.List name={path} rules={field.required ? [{ validator: async (_r, v: unknown[]) => (v?.length ? undefined : Promise.reject(new Error(`请至少添加一项${field.itemLabel}`))) }] : []}>
          {(items, { add, remove }, { errors }) => (
            <div style={{ marginBottom: 16 }}>
              <Typography.Text strong>{field.label}</Typography.Text>
              {items.map((it, i) => (
                <Card key={it.key} size="small" title={`${field.itemLabel} ${i + 1}`} extra={<a onClick={() => remove(it.name)}>删除</a>} style={{ margin: '8px 0' }}>
                  {field.item.map((f) => (
                    <FieldItem key={f.name} field={f} path={[it.name, f.name]} testId={`${testId}-${i}-${f.testId ?? f.name}`} />
                  ))}
                </Card>
              ))}
              <div>
                <Button onClick={() => add({})} data-testid={`add-${testId}`} style={{ marginTop: 8 }}>
                  添加{field.itemLabel}
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

const blank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The payload of what was filled in: each field's value under its name, dates
 * as ISO 8601 with their offset, lists and groups field by field; an optional
 * field left empty is left out (a required one stays, even empty, for the
 * server to name), and an unticked optional box too.
 */
export function payloadOf(fields: readonly Field[], values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values?.[f.name];
    let value: unknown;
    switch (f.kind) {
      case 'datetime':
        value = v ? (v as Dayjs).format('YYYY-MM-DDTHH:mm:ssZ') : undefined;
        break;
      case 'boolean':
        value = v === undefined && !f.required ? undefined : !!v;
        break;
      case 'list':
        value = ((v as Record<string, unknown>[] | undefined) ?? []).map((item) => payloadOf(f.item, item));
        break;
      case 'group':
        value = payloadOf(f.fields, v as Record<string, unknown> | undefined);
        break;
      default:
        value = v;
    }
    if (blank(value) && !f.required) continue;
    out[f.name] = value ?? (f.kind === 'strings' || f.kind === 'list' ? [] : '');
  }
  return out;
}

/** Form values from a payload (the reverse of payloadOf, for filling a form in); documents are never filled in, they are chosen. */
export function valuesOf(fields: readonly Field[], payload: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = payload?.[f.name];
    if (v === undefined || f.kind === 'hash') continue;
    if (f.kind === 'datetime') out[f.name] = dayjs(v as string);
    else if (f.kind === 'list') out[f.name] = (v as Record<string, unknown>[]).map((item) => valuesOf(f.item, item));
    else if (f.kind === 'group') out[f.name] = valuesOf(f.fields, v as Record<string, unknown>);
    else out[f.name] = v;
  }
  return out;
}
