import type { OidcAccount } from './provider';

/**
 * The persons `npm start` lets sign in to the embedded provider when it finds
 * no accounts file (.data/oidc/accounts.json): each `sub` is the actor id the
 * person signs steps with. Demo passwords, printed by `npm start`: for trying
 * the system on one machine, never for a real government (which signs in
 * through its own identity platform; see README).
 */
export const DEMO_ACCOUNTS: readonly OidcAccount[] = [
  { sub: 'u-zhang', name: '张承办', password: 'zhang-2026' }, // 市交通运输局, undertaking unit (the README's example)
  { sub: 'j-li', name: '李审查', password: 'li-2026' }, // 市司法局, legality reviewer
  { sub: 'a-wang', name: '王顾问', password: 'wang-2026' }, // 市政府法律顾问室, legal adviser
  { sub: 'm-chen', name: '陈市长', password: 'chen-2026' }, // 市人民政府, chief executive
  { sub: 'p-zhou', name: '周登记', password: 'zhou-2026' }, // 市人力资源和社会保障局, registrar of officials' keys
];
