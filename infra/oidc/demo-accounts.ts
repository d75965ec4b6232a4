import { DEMO_APPOINTMENTS, DEMO_EXPERTS } from '../demo-government';
import type { OidcAccount } from './provider';

/**
 * The persons `npm start` lets sign in to the embedded provider when it finds
 * no accounts file (.data/oidc/accounts.json): the officials of the demo
 * government (infra/demo-government.ts), each `sub` the actor id they sign
 * steps with, and the registrar who enters their keys and appointments. Demo
 * passwords (the id's surname and the year), printed by `npm start`: for
 * trying the system on one machine, never for a real government (which signs
 * in through its own identity platform; see README).
 */
export const DEMO_ACCOUNTS: readonly OidcAccount[] = [
  ...DEMO_APPOINTMENTS.map((a) => ({ sub: a.personId, name: a.personName, password: `${a.personId.split('-')[1]}-2026` })),
  { sub: 'p-zhou', name: '周登记', password: 'zhou-2026' }, // 深圳市人事登记员: enters officials' keys and appointments
  // Experts hold no office: they act where a decision's panel names them (Arts. 19, 20), so they sign in only.
  ...DEMO_EXPERTS.map((e) => ({ sub: e.id, name: e.name, password: `${e.id.split('-')[1]}-2026` })),
];
