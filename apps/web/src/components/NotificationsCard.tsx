import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { NotificationPreferencesRequest, NotificationPreferencesView, NotificationView } from '../../../../libs/domain';
import { ApiError, apiGet, apiPut } from '../api/client';
import { dayTime } from '../format';
import { t } from '../i18n';
import { ApiErrorAlert } from './ApiErrorAlert';
import { copyLabels } from './copy';

const PATH = '/me/notification-preferences';

interface Values {
  byEmail: boolean;
  email?: string;
  byWebhook: boolean;
  webhookUrl?: string;
  webhookFormat: NonNullable<NotificationPreferencesRequest['webhookFormat']>;
  /** A DingTalk robot's SEC secret: entered to set or change it, never shown back. */
  workAppSecret?: string;
}

/** What each format posts, in a word, and what its address looks like. */
const FORMATS: Record<Values['webhookFormat'], { zh: string; en: string; placeholder: string; extra: [string, string] }> = {
  dingtalk: {
    zh: '钉钉群机器人',
    en: 'DingTalk group robot',
    placeholder: 'https://oapi.dingtalk.com/robot/send?access_token=…',
    extra: ['机器人“安全设置”选择“加签”时，请填写其以 SEC 开头的密钥；消息以 Markdown 发送。', 'Where the robot signs (加签), enter its SEC… secret; messages are sent as markdown.'],
  },
  wecom: {
    zh: '企业微信群机器人',
    en: 'WeCom group robot',
    placeholder: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
    extra: ['机器人的地址中已含其 key；消息以 Markdown 发送（最长 4096 字节）。', "The robot's key is in its address; messages are sent as markdown (at most 4,096 bytes)."],
  },
  'signed-json': {
    zh: '签名 JSON（自建接收端）',
    en: 'Signed JSON (your own receiver)',
    placeholder: 'https://zwapp.example.gov.cn/notices',
    extra: ['消息以 JSON 发送，附 X-Signature（HMAC-SHA256 签名）与 X-Timestamp；密钥保存后只显示一次。', 'Sent as JSON with X-Signature (HMAC-SHA256) and X-Timestamp; the secret is shown once, when saved.'],
  },
};

const KIND: Record<NotificationView['kind'], [string, string]> = { new_task: ['新待办', 'new task'], reminder: ['期限提醒', 'reminder'], overdue: ['已逾期', 'overdue'] };
const STATUS: Record<NotificationView['status'], [string, string, string]> = {
  pending: ['待发送', 'pending', 'blue'],
  sent: ['已送达', 'sent', 'green'],
  failed: ['发送失败', 'failed', 'red'],
  cancelled: ['已取消', 'cancelled', 'default'],
};

/** The API's message for one field ('email：…'), to show beside it. */
const fieldError = (error: unknown, field: string) => (error instanceof ApiError ? error.messages.find((m) => m.startsWith(`${field}：`))?.slice(field.length + 1) : undefined);

/**
 * 消息提醒: how the signed-in official hears of new tasks, reminders and
 * missed time limits outside the browser (PUT/GET /me/notification-preferences):
 * e-mail, a webhook (a DingTalk or WeCom group robot, or a receiver of our
 * signed JSON), or both. A new signed-JSON webhook's secret is shown here once;
 * a DingTalk robot's secret is entered and never shown back. The latest notices and
 * their delivery are listed below.
 */
export function NotificationsCard() {
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [secret, setSecret] = useState<string>();
  const prefs = useQuery({ queryKey: ['notification-preferences'], queryFn: () => apiGet<NotificationPreferencesView>(PATH) });
  const save = useMutation({
    mutationFn: (body: NotificationPreferencesRequest) => apiPut<NotificationPreferencesView>(PATH, body),
    onSuccess: (view) => {
      setSecret(view.webhookSecret);
      client.setQueryData(['notification-preferences'], { ...view, webhookSecret: undefined });
    },
  });
  const p = prefs.data;
  const byEmail = Form.useWatch('byEmail', form);
  const byWebhook = Form.useWatch('byWebhook', form);
  const emailError = fieldError(save.error, 'email');
  const webhookFormat = Form.useWatch('webhookFormat', form) ?? 'signed-json';
  const webhookError = fieldError(save.error, 'webhookUrl');
  const secretError = fieldError(save.error, 'workAppSecret');
  return (
    <Card title={t('消息提醒', 'Notifications')} size="small" data-testid="notification-preferences">
      {p && (
        <Form<Values>
          form={form}
          layout="vertical"
          style={{ maxWidth: 640 }}
          initialValues={{ byEmail: !!p.email, email: p.email ?? '', byWebhook: !!p.webhookUrl, webhookUrl: p.webhookUrl ?? '', webhookFormat: p.webhookFormat }}
          onValuesChange={() => save.reset()}
          onFinish={(v) => {
            const secretGiven = v.byWebhook && v.webhookFormat === 'dingtalk' && !!v.workAppSecret?.trim();
            save.mutate({
              email: v.byEmail ? (v.email ?? '').trim() : null,
              webhookUrl: v.byWebhook ? (v.webhookUrl ?? '').trim() : null,
              ...(v.byWebhook ? { webhookFormat: v.webhookFormat } : {}),
              ...(secretGiven ? { workAppSecret: v.workAppSecret!.trim() } : {}),
            });
          }}
        >
          <Typography.Paragraph type="secondary">
            {t('有新的待办、期限将至或已逾期时，通过以下方式通知本人。', 'You are told of new tasks, time limits near and time limits missed by the channels below.')}
          </Typography.Paragraph>
          <Form.Item name="byEmail" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox disabled={!p.emailAvailable}>{p.emailAvailable ? t('电子邮件', 'E-mail') : t('电子邮件（系统未配置邮件服务器）', 'E-mail (no mail server configured)')}</Checkbox>
          </Form.Item>
          {byEmail && (
            <Form.Item
              name="email"
              label={t('电子邮件地址', 'E-mail address')}
              rules={[{ required: true, type: 'email', message: t('请填写有效的电子邮件地址', 'enter a valid e-mail address') }]}
              validateStatus={emailError ? 'error' : undefined}
              help={emailError}
            >
              <Input placeholder="li.shencha@sfj.example.gov.cn" data-testid="notify-email" />
            </Form.Item>
          )}
          <Form.Item name="byWebhook" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{t('网络回调（政务钉钉、企业微信等）', 'Webhook (DingTalk for government, WeCom …)')}</Checkbox>
          </Form.Item>
          {byWebhook && (
            <>
              <Form.Item name="webhookFormat" label={t('接收方', 'Received by')}>
                <Radio.Group data-testid="notify-format">
                  {(Object.keys(FORMATS) as Values['webhookFormat'][]).map((f) => (
                    <Radio key={f} value={f}>
                      {t(FORMATS[f].zh, FORMATS[f].en)}
                    </Radio>
                  ))}
                </Radio.Group>
              </Form.Item>
              <Form.Item
                name="webhookUrl"
                label={t('回调地址', 'Webhook URL')}
                extra={t(...FORMATS[webhookFormat].extra)}
                rules={[{ required: true, pattern: /^https?:\/\/\S+$/i, message: t('请填写 http 或 https 地址', 'enter an http or https URL') }]}
                validateStatus={webhookError ? 'error' : undefined}
                help={webhookError}
              >
                <Input placeholder={FORMATS[webhookFormat].placeholder} data-testid="notify-webhook" />
              </Form.Item>
              {webhookFormat === 'dingtalk' && (
                <Form.Item
                  name="workAppSecret"
                  label={t('加签密钥', 'Signing secret (加签)')}
                  extra={p.workAppSecretHeld ? t('已保存一个密钥；留空则沿用，填写则替换。', 'A secret is held: leave empty to keep it, or enter one to replace it.') : undefined}
                  rules={[{ pattern: /^SEC[0-9A-Za-z]+$/, message: t('请填写钉钉机器人“加签”处显示的以 SEC 开头的密钥', 'enter the SEC… secret the DingTalk robot shows under 加签') }]}
                  validateStatus={secretError ? 'error' : undefined}
                  help={secretError}
                >
                  <Input.Password autoComplete="off" placeholder="SEC…" data-testid="notify-secret-input" />
                </Form.Item>
              )}
            </>
          )}
          <Button type="primary" htmlType="submit" loading={save.isPending} disabled={save.isPending} data-testid="notify-save">
            {t('保存', 'Save')}
          </Button>
          {save.isSuccess && !secret && <Typography.Text type="success" style={{ marginLeft: 12 }}>{t('已保存', 'Saved')}</Typography.Text>}
        </Form>
      )}
      {secret && (
        <Alert
          style={{ marginTop: 16 }}
          type="warning"
          showIcon
          data-testid="notify-secret"
          title={t('回调签名密钥（只显示这一次，请立即保存到接收方）', 'Webhook signing secret (shown this once: store it with the receiver now)')}
          description={<Typography.Text copyable={copyLabels('签名密钥', 'the signing secret')} code>{secret}</Typography.Text>}
        />
      )}
      <ApiErrorAlert error={prefs.error ?? (emailError || webhookError || secretError ? undefined : save.error)} />
      {!!p?.recent.length && (
        <Table<NotificationView>
          style={{ marginTop: 16 }}
          size="small"
          rowKey={(n) => `${n.createdAt}:${n.channel}:${n.subject}`}
          dataSource={p.recent}
          pagination={false}
          columns={[
            { title: t('时间', 'When'), render: (_v, n) => dayTime(n.createdAt) },
            { title: t('类别', 'Kind'), render: (_v, n) => t(...KIND[n.kind]) },
            { title: t('方式', 'Channel'), render: (_v, n) => (n.channel === 'email' ? t('电子邮件', 'e-mail') : t('网络回调', 'webhook')) },
            { title: t('内容', 'Subject'), dataIndex: 'subject' },
            {
              title: t('送达情况', 'Delivery'),
              render: (_v, n) => (
                <Space size={4}>
                  <Tag color={STATUS[n.status][2]}>{t(STATUS[n.status][0], STATUS[n.status][1])}</Tag>
                  {n.lastError && n.status !== 'sent' && <Typography.Text type="secondary">{n.lastError}</Typography.Text>}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
