import type { TextChain } from '../domain/procedure/state';

/**
 * What verifying a decision's record checks, in the order the verifier
 * (bundle.ts) takes them; a failed verdict names the check that failed. Plain
 * TypeScript, so the inspectors' console (apps/web) lists the same checks.
 */
export const VERIFICATION_CHECKS = [
  { id: 'format', zh: '核验包格式', en: 'the bundle format' },
  { id: 'checkpoint', zh: '日志检查点的系统签名', en: "the log checkpoint's signature" },
  { id: 'chain', zh: '记录哈希链', en: 'the hash chain of the entries' },
  { id: 'seal', zh: '每条记录的系统封印', en: "each entry's system seal" },
  { id: 'signature', zh: '经办人签名（登记密钥、有效期内、未撤销）', en: "each actor's signature by a key registered, valid and not revoked then" },
  { id: 'replay', zh: '无重放（签名与幂等键均不重复）', en: 'no step replayed (no signature or idempotency key twice)' },
  { id: 'inclusion', zh: '全局日志包含证明', en: 'inclusion in the global log' },
  { id: 'head', zh: '记录完整（导出时系统封印的记录条数、末条记录和检查点）', en: 'the record complete: the entries, the last one and the checkpoint the system sealed at export' },
  { id: 'offices', zh: '经办人任职（登记员认可、当时在任、机构隶属属实）', en: "each signer's office: endorsed by the government's registrar, standing at the time, in the organisations registered" },
  { id: 'authority-log', zh: '登记员行为（机构、任职及其终止、密钥及其撤销）均在全局日志中', en: "the registrars' acts (organisations, appointments and their ends, keys and their revocations) as the global log holds them" },
  { id: 'texts', zh: '文本一致（经审查的文本即通过的文本，通过的文本即公布的文本）', en: 'the texts: the one reviewed is the one adopted is the one published (Arts. 25, 30, 32)' },
  { id: 'procedure', zh: '程序合法（按同一规则重放全部步骤）', en: 'the procedure: every step replayed through the same rules' },
  { id: 'experts', zh: '论证专家当时未被取消评估资格（登记员登记的取消资格记录，第四十一条）', en: 'no expert on a panel was disqualified then under Art. 41, as the registrars entered it' },
  { id: 'comments', zh: '公众意见逐条答复（答复与意见研究采纳情况签署的默克尔根一致）', en: 'every public comment answered: the answers agree with the root the adoption report signed (Art. 18)' },
  { id: 'histories', zh: '已归档的工作流历史', en: 'the archived workflow histories' },
  { id: 'history-match', zh: '记录与工作流历史一致', en: 'the record and the workflow history agree' },
] as const;

export type VerificationCheck = (typeof VERIFICATION_CHECKS)[number]['id'];

/** The verifier's answer. A failed verdict names the check that failed and, where it concerns one, the entry. */
export type BundleVerdict =
  | {
      ok: true;
      entries: number;
      treeSize: number;
      pending: number;
      /** Entries made before offices were checked (decisions registered before then): verified as before, without office checks. */
      withoutOfficeCheck?: number;
      /** The bundle relies on offices but carries none of the registrars' acts from the global log (exported before they were logged). */
      authorityNotLogged?: boolean;
      /** The chain of texts of each pass that reached a decision: reviewed → adopted (→ changes reviewed) → published. */
      texts?: TextChain[];
      /** When the system sealed the record's head the bundle carries: the bundle holds every entry there was then. */
      completeAsOf?: string;
    }
  | { ok: false; failure: string; seq?: number; check: VerificationCheck };
