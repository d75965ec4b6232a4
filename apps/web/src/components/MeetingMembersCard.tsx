import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { MeetingMemberView } from '../../../../libs/domain';
import { apiGet, enc } from '../api/client';
import { t } from '../i18n';
import { ApiErrorAlert } from './ApiErrorAlert';

/**
 * 会议组成人员: who sits in the decision's deciding organ's meeting (GET /decisions/:id/meeting-members), as the minutes'
 * members will be checked (Art. 30), each added to the minutes in one click instead of typing a staff number the API
 * then refuses (third tester: no list to pick from). Those sitting at the meeting's time once it is filled in (`at`), as
 * the API checks them then; those sitting now before (fourth tester: today's members listed for a past meeting).
 */
export function MeetingMembersCard({ decisionId, at, onAdd }: { decisionId: string; at?: string; onAdd: (member: MeetingMemberView) => void }) {
  const members = useQuery({
    queryKey: ['meeting-members', decisionId, at],
    queryFn: () => apiGet<MeetingMemberView[]>(`/decisions/${enc(decisionId)}/meeting-members${at ? `?at=${enc(at)}` : ''}`),
    retry: false,
  });
  if (members.error) return <ApiErrorAlert error={members.error} />;
  const when = at ? dayjs(at).format('YYYY-MM-DD HH:mm') : undefined;
  return (
    <Card
      size="small"
      title={when ? t(`会议召开时（${when}）的本机关会议组成人员`, `Members of the organ's meeting at ${when}`) : t('本机关现任会议组成人员', "Members of the organ's meeting now")}
      data-testid="meeting-members"
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('出席会议的组成人员须是会议召开时决策机关的行政首长或者经登记任命的会议组成人员（第三十条）；点“加入”将其列为出席人员。', "Members present must be, when the meeting sits, the organ's chief executive or a meeting member a registrar appointed (Art. 30); Add lists one as present.")}
      </Typography.Paragraph>
      <List
        size="small"
        loading={members.isLoading}
        dataSource={members.data ?? []}
        locale={{ emptyText: when ? t(`会议召开时（${when}）本机关没有登记在任的行政首长或者会议组成人员：请核对会议时间，或者联系登记员`, `no chief executive or meeting member of the organ was in office at ${when}: check the meeting's time, or ask a registrar`) : t('本机关没有登记在任的行政首长或者会议组成人员，请联系登记员', 'no chief executive or meeting member registered in the organ: ask a registrar') }}
        renderItem={(m) => (
          <List.Item
            actions={[
              <Button key="add" size="small" onClick={() => onAdd(m)} aria-label={t(`加入${m.personName}`, `Add ${m.personName}`)}>
                {t('加入', 'Add')}
              </Button>,
            ]}
          >
            {m.personName}（{m.personId}）<Tag style={{ marginLeft: 8 }}>{m.role === 'chief_executive' ? t('行政首长', 'chief executive') : t('会议组成人员', 'meeting member')}</Tag>
          </List.Item>
        )}
      />
    </Card>
  );
}
