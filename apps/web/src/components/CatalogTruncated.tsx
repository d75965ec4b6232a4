import { Alert } from 'antd';
import { t } from '../i18n';

/** Said above a catalog the API answered more of than the page reads (apiGetPages): the rest is not silently dropped. */
export function CatalogTruncated({ more, shown }: { more?: boolean; shown?: number }) {
  if (!more) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="catalog-truncated"
      title={t(`目录较长，此处列出按目录编号排列的前 ${shown} 项`, `The catalog is long: the first ${shown} items by catalog number are listed here`)}
    />
  );
}
