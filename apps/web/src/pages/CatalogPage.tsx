import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, Space, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { formatCitation, MATTER_TYPES, type CatalogItemView, type CatalogPublisherView } from '../../../../libs/domain';
import { apiGet, apiGetPages, apiPost, ApiError } from '../api/client';
import { EmptyText } from '../components/EmptyText';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { bilingualText } from '../bilingual';
import { CatalogTruncated } from '../components/CatalogTruncated';
import { ScrollRegion } from '../components/ScrollRegion';
import { FieldsForm, payloadOf, useApiFieldErrors, type Field } from '../forms/fields';
import { day } from '../format';
import { t } from '../i18n';
import { PageTitle } from '../components/PageTitle';

const ITEM_FIELDS: Field<keyof CatalogItemView & string>[] = [
  { kind: 'text', name: 'ref', label: t('目录编号', 'Catalog ref'), required: true, placeholder: t('例如 SZ-2026-01', 'e.g. SZ-2026-01') },
  { kind: 'number', name: 'year', label: t('年度', 'Year'), required: true, min: 2000, max: 2100 },
  { kind: 'text', name: 'title', label: t('决策事项', 'Matter'), required: true },
  { kind: 'text', name: 'organ', label: t('决策机关', 'Deciding organ'), required: true },
  { kind: 'text', name: 'partyConsentRef', label: t('同级党委同意的文号或会议', 'Party committee consent (document or meeting)'), required: true },
  { kind: 'text', name: 'adjustmentReason', label: t('调整目录的理由（目录公布后调整时填写）', 'Reason for adjusting the published catalog'), long: true },
  {
    kind: 'select',
    multiple: true,
    name: 'matterTypes',
    label: t('事项类型（法律、行政法规另有程序规定的，第三条第二款）', 'Matter types (procedures other laws require, Art. 3 para. 2)'),
    // Chosen by name, not typed as a code (the second tester had to type housing-expropriation).
    options: Object.values(MATTER_TYPES).map((m) => ({ value: m.id, label: t(m.name.zh, m.name.en) })),
  },
];

/** 决策事项目录 (Art. 3): the year's catalog, and publishing an item in it. */
export function CatalogPage() {
  const client = useQueryClient();
  const [year, setYear] = useState(new Date().getFullYear());
  const items = useQuery({ queryKey: ['catalog', year], queryFn: () => apiGetPages<CatalogItemView>(`/catalog-items?year=${year}`) });
  const [form] = Form.useForm<Record<string, unknown>>();
  const publish = useMutation({
    mutationFn: (item: Record<string, unknown>) => apiPost<CatalogItemView>('/catalog-items', item),
    onSuccess: () => client.invalidateQueries({ queryKey: ['catalog'] }),
  });
  // Whose catalog this person publishes, asked before the form is shown: it is offered only to the deciding organ's
  // chief executive or general office (Art. 3), as the API would refuse anyone else on sending (retest).
  const publisher = useQuery({ queryKey: ['catalog-publisher'], queryFn: () => apiGet<CatalogPublisherView>('/catalog-items/publisher'), retry: false });
  // A refusal naming a field ('ref：…', 'title：…') is shown under that field, by its label (fresh-eyes tester: 'ref：' in the alert).
  const placed = useApiFieldErrors(publish.error, () => form, ITEM_FIELDS);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{t('决策事项目录', 'Decision catalog')}</PageTitle>
      <Card
        title={t('目录', 'Catalog')}
        data-testid="catalog-year"
        extra={
          <Space>
            {t('年度', 'Year')}
            <InputNumber aria-label={t('年度', 'Year')} value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
          </Space>
        }
      >
        <ApiErrorAlert error={items.error} />
        <CatalogTruncated more={items.data?.more} shown={items.data?.items.length} />
        <ScrollRegion label={t('决策事项目录表（可横向滚动）', 'Catalog table (scrolls sideways)')} minWidth={760}>
          <Table<CatalogItemView>
            rowKey="ref"
            loading={items.isLoading}
            dataSource={items.data?.items}
            pagination={false}
            locale={{ emptyText: <EmptyText failed={items.isError}>{t(`${year}年度目录中尚无事项`, `no items in the ${year} catalog`)}</EmptyText> }}
            columns={[
              { title: t('目录编号', 'Ref'), dataIndex: 'ref' },
              { title: t('决策事项', 'Matter'), dataIndex: 'title' },
              { title: t('决策机关', 'Deciding organ'), dataIndex: 'organName', render: (name: string | null, item: CatalogItemView) => name ?? item.organ },
              { title: t('党委同意', 'Party consent'), dataIndex: 'partyConsentRef' },
              { title: t('调整理由', 'Adjustment'), dataIndex: 'adjustmentReason', render: (r: string | null) => r ?? '—' },
              {
                title: t('事项类型（有关法律另有程序规定）', 'Matter types (procedures of other laws)'),
                dataIndex: 'matterTypes',
                render: (ids: string[] | undefined) =>
                  ids?.length
                    ? ids.map((id) => (
                        <div key={id} title={MATTER_TYPES[id]?.basis.map(formatCitation).join('；')}>
                          {MATTER_TYPES[id] ? t(MATTER_TYPES[id].name.zh, MATTER_TYPES[id].name.en) : id}
                        </div>
                      ))
                    : '—',
              },
              { title: t('公布日期', 'Published'), dataIndex: 'publishedAt', render: (d: string) => day(d) },
            ]}
          />
        </ScrollRegion>
      </Card>
      <Card title={t('公布目录事项', 'Publish an item')} data-testid="catalog-publish">
        <Typography.Paragraph type="secondary">
          {t('决策机关结合职责权限和本地实际，确定决策事项目录，经同级党委同意后向社会公布，并根据实际情况调整（第三条）。', 'The deciding organ sets its catalog of decisions, publishes it with the consent of the Party committee at its level, and adjusts it as needed (Art. 3).')}
        </Typography.Paragraph>
        {publisher.error instanceof ApiError && publisher.error.status !== 503 ? (
          <Alert type="info" showIcon data-testid="catalog-not-publisher" title={t('您此时不能公布决策事项目录', 'You cannot publish catalog items now')} description={publisher.error.messages.map(bilingualText).join('；')} />
        ) : publisher.error ? (
          <ApiErrorAlert error={publisher.error} />
        ) : publisher.data ? (
          <>
            <Typography.Paragraph data-testid="catalog-publisher">{t(`以${publisher.data.name}的名义公布，列入其决策事项目录。`, `Published in the catalog of ${publisher.data.name}.`)}</Typography.Paragraph>
            <Form form={form} name="catalog-item" layout="vertical" initialValues={{ year, organ: publisher.data.name }} style={{ maxWidth: 640 }} onValuesChange={() => publish.reset()} onFinish={(v) => publish.mutate(payloadOf(ITEM_FIELDS, v))}>
              <FieldsForm fields={ITEM_FIELDS} />
              <Button type="primary" htmlType="submit" loading={publish.isPending} data-testid="catalog-submit">
                {t('公布', 'Publish')}
              </Button>
            </Form>
            <ApiErrorAlert error={publish.error} placed={placed} />
            {publish.data && <Alert style={{ marginTop: 12 }} type="success" showIcon data-testid="catalog-published" title={`${t('已公布', 'Published')}：${publish.data.ref} ${publish.data.title}`} />}
          </>
        ) : (
          <Spin />
        )}
      </Card>
    </Space>
  );
}
