import { Alert } from 'antd';

/** Said above a list the API answered more of than the page reads (apiGetPages): the rest is not silently dropped. */
export function ListTruncated({ more, title, testId }: { more?: boolean; title: string; testId: string }) {
  if (!more) return null;
  return <Alert type="info" showIcon data-testid={testId} title={title} style={{ marginBottom: 12 }} />;
}
