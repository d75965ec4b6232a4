import { DownloadOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import { documentUrl } from '../api/client';

/** A document hash, copyable, with its download link (the API serves stored documents by their hash). */
export function Hash({ value, download = false, testId }: { value: string; download?: boolean; testId?: string }) {
  return (
    <Space size={8} wrap>
      <Typography.Text code copyable={{ text: value, tooltips: ['复制', '已复制'] }} data-testid={testId} style={{ wordBreak: 'break-all' }}>
        {value}
      </Typography.Text>
      {download && (
        <a href={documentUrl(value)} target="_blank" rel="noreferrer">
          <DownloadOutlined /> 下载
        </a>
      )}
    </Space>
  );
}
