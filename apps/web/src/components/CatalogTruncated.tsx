import { t } from '../i18n';
import { ListTruncated } from './ListTruncated';

/** Said above a catalog the API answered more of than the page reads (apiGetPages). */
export function CatalogTruncated({ more, shown }: { more?: boolean; shown?: number }) {
  return <ListTruncated more={more} testId="catalog-truncated" title={t(`目录较长，此处列出按目录编号排列的前 ${shown} 项`, `The catalog is long: the first ${shown} items by catalog number are listed here`)} />;
}
