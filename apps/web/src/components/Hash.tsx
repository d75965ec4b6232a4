import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { downloadDocument, publicDocumentUrl } from '../api/client';
import { t } from '../i18n';

/**
 * A document hash, copyable, with its download: for the public, a link to the
 * documents the procedure made public; for a signed-in official, a download
 * with their token (the API serves only what their offices let them read).
 */
export function Hash({ value, download = false, publicly = false, testId }: { value: string; download?: boolean; publicly?: boolean; testId?: string }) {
  const { message } = App.useApp();
  return (
    <Space size={8} wrap>
      <Typography.Text code copyable={{ text: value, tooltips: [t('复制', 'Copy'), t('已复制', 'Copied')] }} data-testid={testId} style={{ wordBreak: 'break-all' }}>
        {value}
      </Typography.Text>
      {download &&
        (publicly ? (
          <a href={publicDocumentUrl(value)} target="_blank" rel="noreferrer">
            <DownloadOutlined /> {t('下载', 'Download')}
          </a>
        ) : (
          // A button, not an <a> without href: reached by Tab, taken by Enter or Space.
          <Button type="link" size="small" icon={<DownloadOutlined />} style={{ padding: 0, height: 'auto' }} onClick={() => void downloadDocument(value).catch((err: Error) => message.error(t(`下载失败：${err.message}`, `Download failed: ${err.message}`)))}>
            {t('下载', 'Download')}
          </Button>
        ))}
    </Space>
  );
}
