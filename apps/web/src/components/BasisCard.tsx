import { Button, Card, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatCitation, type Citation } from '../../../../libs/domain';
import { t } from '../i18n';
import { splitArticle } from './ApiErrorAlert';

/** What the statute says of a signed act, beside its form: the articles it rests on, and a word on what it does. */
export function BasisCard({ title, citations, intro, testId }: { title: string; citations: readonly Citation[]; intro?: ReactNode; testId?: string }) {
  return (
    <Card size="small" title={title} data-testid={testId}>
      {citations.map((c) => (
        <Tag key={formatCitation(c)} color="blue">
          {splitArticle(formatCitation(c))}
        </Tag>
      ))}
      {intro && <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{intro}</Typography.Paragraph>}
    </Card>
  );
}

/** The button that builds, from the form as it stands, the exact text to be signed (shown before anything is signed). */
export function PrepareButton({ onClick, testId = 'prepare' }: { onClick: () => void; testId?: string }) {
  return (
    <Button type="primary" onClick={onClick} data-testid={testId}>
      {t('核对签署内容', 'Show what will be signed')}
    </Button>
  );
}
