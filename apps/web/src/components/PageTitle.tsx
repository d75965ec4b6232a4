import { Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/**
 * The page's title, its one first-level heading (where a screen reader's
 * heading list starts), drawn at the size of the second-level heading it was.
 */
export function PageTitle({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return (
    <Typography.Title level={1} style={{ fontSize: 30, ...style }}>
      {children}
    </Typography.Title>
  );
}
