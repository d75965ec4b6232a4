import { DatePicker } from 'antd';
import { useEffect, useRef, type ComponentProps, type ReactNode } from 'react';
import { t } from '../i18n';

const COLUMN_NAMES: Record<string, [string, string]> = { hour: ['时', 'Hour'], minute: ['分', 'Minute'], second: ['秒', 'Second'] };

/**
 * The time columns of Ant Design's picker scroll, yet cannot be reached by the keyboard (axe: scrollable-region-
 * focusable, WCAG 2.1.1): each becomes a Tab stop, named, so its arrow keys scroll it. Set after every render of the
 * panel, as the picker redraws its columns.
 */
function KeyboardColumns({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    for (const column of ref.current?.querySelectorAll<HTMLElement>('.ant-picker-time-panel-column') ?? []) {
      if (column.tabIndex !== 0) column.tabIndex = 0;
      const name = COLUMN_NAMES[column.dataset.type ?? ''];
      if (name) column.setAttribute('aria-label', t(...name));
    }
  });
  return <div ref={ref}>{children}</div>;
}

/** A date and time (minutes), as the forms ask for one. */
export function DateTimePicker(props: Omit<ComponentProps<typeof DatePicker>, 'showTime' | 'format' | 'panelRender'>) {
  return <DatePicker {...props} showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" panelRender={(panel) => <KeyboardColumns>{panel}</KeyboardColumns>} />;
}
