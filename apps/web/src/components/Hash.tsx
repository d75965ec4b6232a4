import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { downloadDocument, publicDocumentUrl } from '../api/client';
import { t } from '../i18n';
import { copyLabels } from './copy';

/**
 * A document hash, copyable, with its download: for the public, a link to the
 * documents the procedure made public; for a signed-in official, a download
 * with their token (the API serves only what their offices let them read).
 * `what` names the document ({ zh: '决策草案', en: 'the draft' }): the copy button and the download say which
 * (复制决策草案的哈希值, 下载决策草案), as a page of several "复制" and "下载" would not to a screen reader.
 */
export function Hash({ value, what, download = false, publicly = false, testId }: { value: string; what: { zh: string; en: string }; download?: boolean; publicly?: boolean; testId?: string }) {
  const downloadName = t(`下载${what.zh}`, `Download ${what.en}`);
  const { message } = App.useApp();
  return (
    <Space size={8} wrap>
      <Typography.Text code copyable={{ text: value, ...copyLabels(`${what.zh}的哈希值`, `the hash of ${what.en}`) }} data-testid={testId} style={{ wordBreak: 'break-all' }}>
        {value}
      </Typography.Text>
      {download &&
        (publicly ? (
          <a href={publicDocumentUrl(value)} target="_blank" rel="noreferrer" aria-label={downloadName}>
            <DownloadOutlined /> {t('下载', 'Download')}
          </a>
        ) : (
          // A button, not an <a> without href: reached by Tab, taken by Enter or Space.
          <Button type="link" size="small" aria-label={downloadName} icon={<DownloadOutlined />} style={{ padding: 0, height: 'auto' }} onClick={() => void downloadDocument(value).catch((err: Error) => message.error(t(`下载失败：${err.message}`, `Download failed: ${err.message}`)))}>
            {t('下载', 'Download')}
          </Button>
        ))}
    </Space>
  );
}
