import { CheckCircleTwoTone, UploadOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography, Upload } from 'antd';
import { createContext, useContext, useState } from 'react';
import type { DecisionDocumentView } from '../../../../libs/domain';
import { ApiError, apiUpload } from '../api/client';
import { bilingualText } from '../bilingual';
import { t } from '../i18n';
import { sha256Of } from '../signing/sign';
import { actionText } from '../format';
import { fieldLabel } from '../forms/step-forms';

/**
 * The documents the decision's record holds (GET /decisions/:id/documents), where a step is signed on a decision: each
 * document field offers them, so that the reviewer names the draft submitted and the general office the text adopted
 * without finding the files elsewhere (web tester: they had to upload again the very files the record held).
 */
export const RecordedDocuments = createContext<readonly DecisionDocumentView[]>([]);

/**
 * A document of a step, as a form field whose value is its hash: the file is
 * hashed here in the browser (SHA-256, shown), then stored by the API
 * (POST /documents), whose own hash must be the same. A hash whose file the
 * server did not store is no value: the API refuses a step naming a document
 * nobody uploaded (Art. 33), so the field is left empty, to choose the file again.
 */
export function DocumentField({ value, onChange, testId }: { value?: string; onChange?: (hash: string | undefined) => void; testId: string }) {
  const [name, setName] = useState<string>();
  const [stored, setStored] = useState<'no' | 'yes' | 'mismatch' | 'failed'>('no');
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const take = async (file: File) => {
    setBusy(true);
    setFailure(undefined);
    setName(file.name);
    setStored('no');
    try {
      const hash = await sha256Of(file);
      onChange?.(hash);
      try {
        const answer = await apiUpload(file);
        const same = answer.hash === hash;
        setStored(same ? 'yes' : 'mismatch');
        if (!same) onChange?.(undefined);
      } catch (err) {
        // Why, as the API says it (an empty file, one too large, one not signed in to upload).
        setFailure(err instanceof ApiError ? err.messages.map(bilingualText).join('；') : undefined);
        setStored('failed');
        onChange?.(undefined);
      }
    } finally {
      setBusy(false);
    }
  };
  const recorded = useContext(RecordedDocuments);
  const choices = recorded.filter((d, i) => recorded.findIndex((x) => x.hash === d.hash) === i);
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid={testId}>
      {choices.length > 0 && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ maxWidth: 520 }}
          placeholder={t('选用本决策记录中的文件', "Choose a document of this decision's record")}
          aria-label={t('选用本决策记录中的文件', "Choose a document of this decision's record")}
          data-testid={`${testId}-recorded`}
          value={choices.some((d) => d.hash === value) && !name ? value : undefined}
          options={choices.map((d) => ({ value: d.hash, label: t(`第${d.seq}项 ${actionText(d.action)}：${fieldLabel(d.action, d.field)}`, `Entry ${d.seq} ${actionText(d.action)}: ${fieldLabel(d.action, d.field)}`) }))}
          onChange={(hash: string | undefined) => {
            setName(undefined);
            setFailure(undefined);
            setStored(hash ? 'yes' : 'no');
            onChange?.(hash);
          }}
        />
      )}
      <Upload
        showUploadList={false}
        beforeUpload={(file) => {
          void take(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy}>
          {name ? t(`重新选择（${name}）`, `Choose again (${name})`) : t('选择文件', 'Choose a file')}
        </Button>
      </Upload>
      {value && (
        <Typography.Text code data-testid={`${testId}-hash`} style={{ wordBreak: 'break-all' }}>
          {value}
        </Typography.Text>
      )}
      {value && stored === 'yes' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <CheckCircleTwoTone twoToneColor="#52c41a" /> {t('浏览器计算的哈希值已由服务器存档核对一致', 'Stored by the server, which found the same hash as this browser')}
        </Typography.Text>
      )}
      {stored === 'mismatch' && <Typography.Text type="danger">{t('服务器计算的哈希值与浏览器不一致，请重新选择文件', "The server's hash differs from this browser's: choose the file again")}</Typography.Text>}
      {stored === 'failed' && (
        <Typography.Text type="danger">
          {t('文件未能存档，请重新选择文件（步骤所列文件须已存档）', 'The file could not be stored: choose it again (a step may name only stored documents)')}
          {failure && <span data-testid={`${testId}-failure`}>{`${t('：', ': ')}${failure}`}</span>}
        </Typography.Text>
      )}
    </Space>
  );
}
