import { Typography } from 'antd';
import { t } from '../i18n';

/**
 * What a list shows when it has no rows: that there is nothing, or, where the
 * list could not be read (not signed in, too many requests, the server down),
 * that it could not; the alert above it says why. An empty list is never shown
 * for one that failed (the thirteenth session's tester: "没有待办的步骤" on a 401).
 */
export function EmptyText({ failed, children }: { failed: boolean; children: string }) {
  return <Typography.Text type="secondary">{failed ? t('未能读取，原因见上方提示', 'Could not be read: see the message above') : children}</Typography.Text>;
}
