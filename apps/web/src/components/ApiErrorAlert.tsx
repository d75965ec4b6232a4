import { Alert, Button, Space, Tag, Typography } from 'antd';
import { ApiError } from '../api/client';
import { half, lang, t } from '../i18n';

import { splitBilingual, withoutRequestPath } from '../bilingual';

export { bilingualText, splitBilingual } from '../bilingual';

/**
 * An error answer as people read it: the message in the reader's language, the
 * articles a refusal rests on, and, in Chinese, the English small beside it.
 */
export function ApiErrorAlert({ error, title, placed = [], onRetry }: { error: unknown; title?: string; placed?: readonly string[]; onRetry?: () => void }) {
  if (!error) return null;
  // What was not read can be asked for again: once the server answers, a click brings the page back.
  const retry = onRetry && (
    <Button size="small" onClick={onRetry} data-testid="retry">
      {t('重试', 'Try again')}
    </Button>
  );
  if (!(error instanceof ApiError)) {
    // The browser's own words (Failed to fetch) are English whatever the reader's language: said in theirs, and kept small.
    return (
      <Alert
        type="error"
        showIcon
        data-testid="unreachable"
        title={title ?? t('无法连接服务器', 'The server could not be reached')}
        description={
          <>
            {t('请检查网络连接，或稍候片刻，再点“重试”。', 'Check the network connection, or wait a moment, then try again.')}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {String((error as Error)?.message ?? error)}
            </Typography.Text>
          </>
        }
        action={retry}
      />
    );
  }
  // Not signed in (or signed out since): what to do, not a status code.
  if (error.status === 401) return <SignInNeeded />;
  // Messages a form shows under the fields they name (forms/fields.tsx useApiFieldErrors) are not said twice: a line points there.
  const lines = error.messages.filter((m) => !placed.includes(m)).map((m) => splitBilingual(withoutRequestPath(m)));
  const beside = error.messages.length - lines.length;
  const refusal = error.status === 422;
  return (
    <Alert
      type={refusal ? 'warning' : 'error'}
      showIcon
      data-testid={refusal ? 'refusal' : 'api-error'}
      title={title ?? (refusal ? t('程序不允许此步骤', 'The procedure does not allow this step') : failedTitle(error.status))}
      // Worth asking again only where the server was busy or away (429, 5xx), not where it refused.
      action={error.status === 429 || error.status >= 500 ? retry : undefined}
      description={
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          {lines.map(([zh, en], i) => (
            <div key={i}>
              <Typography.Text strong data-testid="refusal-reason">{lang === 'en' && en ? en : zh}</Typography.Text>
              {en && lang !== 'en' && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {en}
                </Typography.Text>
              )}
            </div>
          ))}
          {beside > 0 && (
            <Typography.Text strong data-testid="refusal-beside-fields">
              {t('请查看表单中标出的字段。', 'See the fields marked in the form.')}
            </Typography.Text>
          )}
          {error.body.articles?.length ? (
            <div data-testid="refusal-articles">
              {t('依据：', 'Under: ')}
              {error.body.articles.map((a) => (
                <Tag key={a} color="red">
                  {splitArticle(a)}
                </Tag>
              ))}
            </div>
          ) : null}
          {error.body.code && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('代码', 'Code')} {error.body.code}</Typography.Text>}
        </Space>
      }
    />
  );
}

/**
 * What kind of failure it is, in words, the status after them for whoever helps (tester: "请求未完成（403）" led with a
 * code no official reads). The message below says why.
 */
function failedTitle(status: number): string {
  const [zh, en] =
    status === 400 ? ['填写的内容有误', 'Something entered is not right']
    : status === 403 ? ['无权办理', 'Not yours to do']
    : status === 404 ? ['未找到', 'Not found']
    : status === 409 ? ['与已有的记录冲突', 'In conflict with what is recorded']
    : status === 413 ? ['内容过大', 'Too large']
    : status === 429 ? ['请求过于频繁，请稍后再试', 'Too many requests: try again shortly']
    : status === 503 ? ['服务暂时不可用，请稍后再试', 'Unavailable for a moment: try again shortly']
    : status >= 500 ? ['服务器出错', 'The server failed']
    : ['请求未完成', 'The request failed'];
  return t(`${zh}（${status}）`, `${en} (${status})`);
}

/** 《重大行政决策程序暂行条例》第十二条 (Decree No. 713, Art. 12) → its half in the reader's language. */
export const splitArticle = (citation: string) => half(citation, citation);

/** A page for signed-in officials, seen signed out: what to do, as every such page says it. */
export function SignInNeeded() {
  return (
    <Alert
      type="info"
      showIcon
      data-testid="sign-in-needed"
      title={t('请先登录', 'Please sign in')}
      description={t('此页面只对已登录的工作人员显示：请点击页面右上角的“登录”，登录后回到此页。', 'This page is for signed-in officials: choose "Sign in" at the top right, and you come back here.')}
    />
  );
}
