import { Alert, Space, Tag, Typography } from 'antd';
import { ApiError } from '../api/client';

/** '中文（English）' → ['中文', 'English']: the API writes every message Chinese first, the English in full-width brackets last. */
export function splitBilingual(message: string): [string, string | undefined] {
  const at = message.lastIndexOf('（');
  if (at <= 0 || !message.endsWith('）')) return [message, undefined];
  return [message.slice(0, at), message.slice(at + 1, -1)];
}

/** An error answer as people read it: the Chinese first, the articles a refusal rests on, the English small beside. */
export function ApiErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return <Alert type="error" showIcon title={title ?? '无法连接服务器'} description={String((error as Error)?.message ?? error)} />;
  }
  const lines = error.messages.map(splitBilingual);
  const refusal = error.status === 422;
  return (
    <Alert
      type={refusal ? 'warning' : 'error'}
      showIcon
      data-testid={refusal ? 'refusal' : 'api-error'}
      title={title ?? (refusal ? '程序不允许此步骤' : `请求未完成（${error.status}）`)}
      description={
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          {lines.map(([zh, en], i) => (
            <div key={i}>
              <Typography.Text strong data-testid="refusal-reason">{zh}</Typography.Text>
              {en && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {en}
                </Typography.Text>
              )}
            </div>
          ))}
          {error.body.articles?.length ? (
            <div data-testid="refusal-articles">
              依据：
              {error.body.articles.map((a) => (
                <Tag key={a} color="red">
                  {splitArticle(a)}
                </Tag>
              ))}
            </div>
          ) : null}
          {error.body.code && <Typography.Text type="secondary" style={{ fontSize: 12 }}>代码 {error.body.code}</Typography.Text>}
        </Space>
      }
    />
  );
}

/** 《重大行政决策程序暂行条例》第十二条 (Decree No. 713, Art. 12) → its Chinese part. */
export const splitArticle = (citation: string) => citation.split(' (')[0];
