import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Typography } from 'antd';
import type { DiscussionMaterialsView } from '../../../../libs/domain';
import { apiGet, enc } from '../api/client';
import { t } from '../i18n';
import { ApiErrorAlert } from './ApiErrorAlert';

const LABELS: Record<keyof DiscussionMaterialsView & string, string> = {
  draftHash: t('决策草案', 'The draft'),
  legalityOpinionHash: t('合法性审查意见', 'The legality opinion'),
  adoptionReportHash: t('公众意见研究采纳情况', 'The adoption report'),
  expertReportHash: t('专家论证意见研究采纳情况', "The experts' report"),
  riskReportHash: t('风险评估报告', 'The risk report'),
  fairCompetitionReviewHash: t('公平竞争审查情况', 'The fair competition review'),
  disagreementHash: t('协商争议说明', 'The disagreement stated'),
  evaluationReportHash: t('决策后评估报告', 'The post-decision evaluation report'),
};

/**
 * 讨论材料: the materials of the collective discussion the record holds (Art. 29), filled into the minutes in one click
 * (`onFill`): the secretary had to find the very files outside the system to choose them again (second tester).
 */
export function DiscussionMaterialsCard({ decisionId, onFill }: { decisionId: string; onFill: (materials: DiscussionMaterialsView) => void }) {
  const materials = useQuery({ queryKey: ['discussion-materials', decisionId], queryFn: () => apiGet<DiscussionMaterialsView>(`/decisions/${enc(decisionId)}/discussion-materials`), retry: false });
  if (materials.error) return <ApiErrorAlert error={materials.error} />;
  const m = materials.data;
  if (!m) return null;
  const given = Object.entries(m).filter(([, hash]) => hash) as [keyof typeof LABELS, string][];
  return (
    <Card size="small" title={t('讨论材料（取自决策记录，第二十九条）', 'Discussion materials (from the record, Art. 29)')} data-testid="discussion-materials">
      {given.length ? (
        <>
          <Descriptions size="small" column={1}>
            {given.map(([field, hash]) => (
              <Descriptions.Item key={field} label={LABELS[field]}>
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {hash}
                </Typography.Text>
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Button type="primary" size="small" onClick={() => onFill(m)} data-testid="fill-materials">
            {t('填入会议记录', 'Fill them into the minutes')}
          </Button>
        </>
      ) : (
        <Typography.Text type="secondary">{t('决策记录中尚无讨论材料（决策草案及其合法性审查意见）', 'The record holds no discussion materials yet (the draft and its legality opinion)')}</Typography.Text>
      )}
    </Card>
  );
}
