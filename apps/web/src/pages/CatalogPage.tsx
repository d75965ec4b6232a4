import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { CatalogItemView } from '../../../../libs/domain';
import { apiGet, apiPost } from '../api/client';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { FieldsForm, payloadOf, type Field } from '../forms/fields';
import { day } from '../format';

const ITEM_FIELDS: Field<keyof CatalogItemView & string>[] = [
  { kind: 'text', name: 'ref', label: '目录编号', required: true, placeholder: '例如 SZ-2026-01' },
  { kind: 'number', name: 'year', label: '年度', required: true, min: 2000, max: 2100 },
  { kind: 'text', name: 'title', label: '决策事项', required: true },
  { kind: 'text', name: 'organ', label: '决策机关', required: true },
  { kind: 'text', name: 'partyConsentRef', label: '同级党委同意的文号或会议', required: true },
  { kind: 'text', name: 'adjustmentReason', label: '调整目录的理由（目录公布后调整时填写）', long: true },
];

/** 决策事项目录 (Art. 3): the year's catalog, and publishing an item in it. */
export function CatalogPage() {
  const client = useQueryClient();
  const [year, setYear] = useState(new Date().getFullYear());
  const items = useQuery({ queryKey: ['catalog', year], queryFn: () => apiGet<CatalogItemView[]>(`/catalog-items?year=${year}`) });
  const [form] = Form.useForm<Record<string, unknown>>();
  const publish = useMutation({
    mutationFn: (item: Record<string, unknown>) => apiPost<CatalogItemView>('/catalog-items', item),
    onSuccess: () => client.invalidateQueries({ queryKey: ['catalog'] }),
  });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>决策事项目录</Typography.Title>
      <Card
        title="目录"
        data-testid="catalog-year"
        extra={
          <Space>
            年度
            <InputNumber aria-label="年度" value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
          </Space>
        }
      >
        <ApiErrorAlert error={items.error} />
        <Table<CatalogItemView>
          rowKey="ref"
          loading={items.isLoading}
          dataSource={items.data}
          pagination={false}
          locale={{ emptyText: `${year}年度目录中尚无事项` }}
          columns={[
            { title: '目录编号', dataIndex: 'ref' },
            { title: '决策事项', dataIndex: 'title' },
            { title: '决策机关', dataIndex: 'organ' },
            { title: '党委同意', dataIndex: 'partyConsentRef' },
            { title: '调整理由', dataIndex: 'adjustmentReason', render: (r: string | null) => r ?? '—' },
            { title: '公布日期', dataIndex: 'publishedAt', render: (d: string) => day(d) },
          ]}
        />
      </Card>
      <Card title="公布目录事项" data-testid="catalog-publish">
        <Typography.Paragraph type="secondary">
          决策机关结合职责权限和本地实际，确定决策事项目录，经同级党委同意后向社会公布，并根据实际情况调整（第三条）。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ year }} style={{ maxWidth: 640 }} onValuesChange={() => publish.reset()} onFinish={(v) => publish.mutate(payloadOf(ITEM_FIELDS, v))}>
          <FieldsForm fields={ITEM_FIELDS} />
          <Button type="primary" htmlType="submit" loading={publish.isPending} data-testid="catalog-submit">
            公布
          </Button>
        </Form>
        <ApiErrorAlert error={publish.error} />
        {publish.data && <Alert style={{ marginTop: 12 }} type="success" showIcon data-testid="catalog-published" title={`已公布：${publish.data.ref} ${publish.data.title}`} />}
      </Card>
    </Space>
  );
}
