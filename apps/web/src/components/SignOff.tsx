import { useMutation } from '@tanstack/react-query';
import { Button, Card, Result, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { enc } from '../api/client';
import { useRef } from 'react';
import { t } from '../i18n';
import type { EnrolledKey } from '../signing/keystore';
import { signText } from '../signing/sign';
import { ApiErrorAlert } from './ApiErrorAlert';

/**
 * What is about to be signed, and sending it: the exact text (RFC 8785
 * canonical JSON) is shown whole, signed in this browser as UTF-8 only when
 * the person confirms, and sent with the signature. Steps, key endorsements,
 * organisations and appointments all go this way.
 */
export interface Prepared<R> {
  /** The canonical text signed. */
  text: string;
  /** Sends the request with the signature (base64) over `text`. */
  send: (signature: string) => Promise<R>;
}

/**
 * Signing and sending, once at a time: a second click (a double-click) while
 * one is being signed or sent is ignored, not sent again. The button's own
 * loading state comes a render later, too late for a double-click's second half.
 */
export function useSignOff<R>(key: EnrolledKey | undefined, onSuccess?: (r: R) => void) {
  const sending = useRef(false);
  const mutation = useMutation({
    mutationFn: async (p: Prepared<R>) => {
      try {
        if (!key) throw new Error(t('本浏览器中没有签名密钥', 'There is no signing key in this browser'));
        return await p.send(await signText(key, p.text));
      } finally {
        sending.current = false;
      }
    },
    onSuccess,
  });
  const mutate = (p: Prepared<R>) => {
    if (sending.current) return;
    sending.current = true;
    mutation.mutate(p);
  };
  return { ...mutation, mutate };
}

export function SignOffCard<R>({ prepared, signOff, keyId, title, placed }: { prepared: Prepared<R> | undefined; signOff: ReturnType<typeof useSignOff<R>>; keyId?: string; title?: string; placed?: readonly string[] }) {
  return (
    <>
      {prepared && (
        <Card type="inner" size="small" title={title ?? t('将要签署的内容（RFC 8785 规范化 JSON，按 UTF-8 签名）', 'What will be signed (RFC 8785 canonical JSON, signed as UTF-8)')} data-testid="signoff">
          <pre data-testid="signoff-text" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', background: '#fafafa', padding: 12, margin: 0 }}>
            {prepared.text}
          </pre>
          <Space style={{ marginTop: 12 }} wrap>
            <Button type="primary" danger loading={signOff.isPending} onClick={() => signOff.mutate(prepared)} data-testid="confirm-sign">
              {t('确认无误，签署并提交', 'Correct: sign and send')}
            </Button>
            {keyId && <Typography.Text type="secondary">{t('签名密钥', 'Signing key')} {keyId}</Typography.Text>}
          </Space>
        </Card>
      )}
      <ApiErrorAlert error={signOff.error} placed={placed} />
    </>
  );
}

/** What was signed and recorded, with the way on: the decision's page first, then where the official goes next. */
export function SignedResult({ testId, title, subTitle, decisionId, next }: { testId: string; title: string; subTitle?: string; decisionId: string; next: { to: string; label: string } }) {
  return (
    <Result
      status="success"
      data-testid={testId}
      title={title}
      subTitle={subTitle}
      extra={[
        <Link key="d" to={`/decisions/${enc(decisionId)}`}>
          {t('查看决策详情', 'Decision details')}
        </Link>,
        <Link key="n" to={next.to}>
          {next.label}
        </Link>,
      ]}
    />
  );
}
