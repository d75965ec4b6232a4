import { divisionOfCreditCode, governmentOf, isGovernmentDepartment, isWithin, OrganisationKind, significantDivision, type PathStep } from './authority/organisations';
import type { DecisionAuthority, OfficeHeld } from './authority/offices';
import { art, citationZh, type Citation } from './procedure/articles';
import { cstDay } from './procedure/calendar';
import type { ProcedureProfile } from './procedure/profiles';
import { MATTER_TYPES } from './procedure/matters';
import type { StepSignature } from './procedure/commands';
import { refusal, RefusalCode, type Refusal } from './procedure/refusal';
import { Role, type Actor } from './procedure/roles';
import { roleZh } from './procedure/rules/words';

/**
 * What the undertaking department submits to register a decision: the catalog
 * item it comes from (Art. 3), the undertaking unit named at initiation
 * (Art. 11) and the legal basis it relies on.
 */
export interface DecisionRegistration {
  /** Business id; also the id of the decision's workflow. */
  id: string;
  title: string;
  undertakingDepartment: string;
  catalogRef: string;
  legalBasis: string[];
  /** The procedure profile the decision is kept under for its whole life. */
  profile: string;
  /**
   * The matter types of the catalog item (procedure/matters.ts): the procedures other laws add (Art. 3 para. 2),
   * fixed at registration and signed with it. Absent, or empty: none (and so in every decision registered before).
   */
  matterTypes?: string[];
  /**
   * 决策机关 where it is not the government: a department of a county-level-or-above government deciding its own major
   * matter (Art. 42), by organisation id, signed with the registration. Absent: the government the undertaking unit
   * belongs to decides (Art. 2), as in every decision registered before.
   */
  decidingOrgan?: string;
  /**
   * The person of the undertaking unit who registers it, and their signature of
   * registrationPayload (idempotency key: the decision id). Absent only in
   * decisions registered before registrations were signed.
   */
  registeredBy?: Actor;
  signature?: StepSignature;
  /**
   * Whose decision it is, found by the API from the undertaking department's place among the registered
   * organisations; and the appointment the registering official relied on. Absent in decisions registered
   * before offices were checked.
   */
  authority?: DecisionAuthority;
  registeredByOffice?: OfficeHeld;
}

/** What a registration signs, and what step 0 of the record keeps as its payload. */
export function registrationPayload(r: DecisionRegistration): { title: string; undertakingDepartment: string; catalogRef: string; legalBasis: string[]; profile: string; matterTypes?: string[]; decidingOrgan?: string } {
  const payload = { title: r.title, undertakingDepartment: r.undertakingDepartment, catalogRef: r.catalogRef, legalBasis: r.legalBasis, profile: r.profile };
  // Only a registration with matter types, or naming its deciding organ, names them: one without signs, and records, what it always did.
  return { ...payload, ...(r.matterTypes?.length ? { matterTypes: r.matterTypes } : {}), ...(r.decidingOrgan !== undefined ? { decidingOrgan: r.decidingOrgan } : {}) };
}

/**
 * A department as its own deciding organ (Art. 42: 县级以上人民政府部门…重大行政决策的作出和调整程序，参照本条例规定执行).
 * `unitPath`: the undertaking unit and every organisation above it, nearest first; `decidingOrgan`: the organ the
 * registration names, absent or the government itself for a government's decision (not checked here: Art. 2, as before);
 * `governmentLevel`: the level of the government the unit belongs to, where known. The organ named must be a department
 * (工作部门) of that government, a government at county level or above (Art. 42 speaks of 县级以上人民政府部门; a
 * township decides as a government, Art. 42 too, not through departments), and the undertaking unit one of its internal
 * offices (内设机构, Art. 11 by reference): the department's head acts as its chief executive (Art. 30) and its officers
 * record and publish for it, so the department itself cannot also be the unit that drafts (Arts. 25, 30, separation of
 * duties). The API refuses the registration by this rule; the offline verifier replays it on the bundle's organisations.
 */
export function checkDecidingOrgan(unitPath: readonly PathStep[], decidingOrgan: string | undefined, governmentLevel?: string | null): Refusal | undefined {
  const government = governmentOf(unitPath);
  if (decidingOrgan === undefined || !government || decidingOrgan === government.id) return undefined;
  const at = unitPath.findIndex((p) => p.id === decidingOrgan);
  const organ = at >= 0 ? unitPath[at] : undefined;
  const cite = [art(42), art(11)];
  if (!organ) {
    // Named organ above the unit or not, what the clerk can act on is that the unit is not one of its offices.
    return refusal(RefusalCode.WrongOffice, {
      zh: `decidingOrgan：决策承办单位${unitPath[0]?.name ?? ''}不隶属于${decidingOrgan}；部门作为决策机关的，决策承办单位应当是该部门的内设机构（政府作为决策机关的，不填写 decidingOrgan）`,
      en: `decidingOrgan: the undertaking unit ${unitPath[0]?.id ?? ''} does not belong to ${decidingOrgan}; where a department decides, its undertaking unit is one of its internal offices (where the government decides, leave decidingOrgan out)`,
    }, ...cite);
  }
  if (!isGovernmentDepartment(unitPath, at) || unitPath[at + 1]?.id !== government.id) {
    return refusal(RefusalCode.WrongOffice, {
      zh: `decidingOrgan：${decidingOrgan}不是决策承办单位${unitPath[0]?.name ?? ''}所属的${government.name}的工作部门；部门作为决策机关的，决策承办单位应当是该部门的内设机构`,
      en: `decidingOrgan: ${decidingOrgan} is not a department of ${government.id} that the undertaking unit ${unitPath[0]?.id ?? ''} belongs to; where a department decides, its undertaking unit is one of its internal offices`,
    }, ...cite);
  }
  if (governmentLevel === 'township') {
    return refusal(RefusalCode.WrongOffice, {
      zh: `decidingOrgan：${government.name}是乡级人民政府，其重大行政决策由乡级人民政府作出，部门作为决策机关的，限于县级以上人民政府部门`,
      en: `decidingOrgan: ${government.id} is a township government, which decides its major decisions itself; a department decides as the organ only under a government at county level or above`,
    }, art(42));
  }
  // The department's 办公室 and 法制机构 record, publish and review the decision: neither they nor an office under them
  // undertakes it (an office of the 法制机构 drafting what the 法制机构 then reviews).
  const serving = unitPath.slice(1, at).find((p) => p.kind === OrganisationKind.GeneralOffice || p.kind === OrganisationKind.LegalityReviewBody);
  if (serving) {
    return refusal(RefusalCode.WrongOffice, {
      zh: `undertakingDepartment：${unitPath[0].name}隶属于${serving.name}；部门作为决策机关的，其办公室和法制机构分别办理会议、公布和合法性审查，它们及其下设机构不能作为决策承办单位`,
      en: `undertakingDepartment: ${unitPath[0].id} belongs to ${serving.id}; where a department decides, its office and its legality body record, publish and review, so neither they nor an office under them undertakes the draft`,
    }, art(42), art(11), art(25));
  }
  if (at === 0 || unitPath[0].kind !== OrganisationKind.Office) {
    return refusal(RefusalCode.WrongOffice, {
      zh: `undertakingDepartment：部门（${organ.name}）作为决策机关的，决策承办单位应当是该部门的内设机构，${unitPath[0].name}不是；部门负责人以行政首长身份作出决定，部门本身不能同时作为承办单位`,
      en: `undertakingDepartment: where the department ${organ.id} is the deciding organ, the undertaking unit is one of its internal offices, and ${unitPath[0].id} is not; its head decides as chief executive, so the department cannot also undertake the draft`,
    }, ...cite);
  }
  return undefined;
}

/**
 * Why an organisation cannot undertake (or, named in the organ's start, co-undertake) a decision its government decides
 * (Art. 11), if it cannot: the undertaking unit is a department of the deciding organ or its general office; an internal
 * office undertakes in its department's name, but for an office of the government's legality review body, which drafts
 * itself so that the body's other offices review (Art. 25): the body as a whole would leave no one to review the draft.
 * `field` names where the organisation was given.
 */
export function undertakingUnitProblem(path: readonly PathStep[], field = 'undertakingDepartment'): Refusal | undefined {
  const unit = path[0];
  if (!unit) return undefined;
  if (unit.kind === OrganisationKind.LegalityReviewBody && path[1]?.kind === OrganisationKind.Government) {
    return refusal(RefusalCode.WrongOffice, {
      zh: `${field}：${unit.name}是本级政府负责合法性审查的部门，整体作为决策承办单位时，决策草案将无人可以进行合法性审查；请以起草草案的内设机构作为决策承办单位，由其他内设机构审查`,
      en: `${field}: ${unit.id} reviews legality for its government: as an undertaking unit as a whole, no one could review its draft; name the internal office that drafts, and another of its offices reviews`,
    }, art(11), art(25));
  }
  const body = path.findIndex((p) => p.kind !== OrganisationKind.Office);
  const draftingOfficeOfReviewBody = body > 0 && path[body].kind === OrganisationKind.LegalityReviewBody && path[body + 1]?.kind === OrganisationKind.Government;
  if ((unit.kind === OrganisationKind.Office && !draftingOfficeOfReviewBody) || unit.kind === OrganisationKind.Government || unit.kind === OrganisationKind.OutsideBody) {
    return refusal(RefusalCode.WrongOffice, {
      zh: `${field}：${unit.name}不能作为决策承办单位：承办单位是决策机关所属部门或者其办公厅（室），内设机构以其部门的名义承办（负责合法性审查的部门的内设机构除外）`,
      en: `${field}: ${unit.id} cannot be an undertaking unit: that is a department or the general office of the deciding organ, and an internal office undertakes in its department's name (but for an office of the legality review body)`,
    }, art(11));
  }
  return undefined;
}

/**
 * Why a unit the organ names to share the drafting with the lead unit (`coUnits` of its start, Art. 11) cannot, if it
 * cannot: it must be one that could undertake the decision itself, of the decision's government (undertakingUnitProblem),
 * or, where a department decides its own matter (Art. 42), one of that department's internal offices.
 */
export function coUnitProblem(path: readonly PathStep[], authority: DecisionAuthority, field: string): Refusal | undefined {
  const unit = path[0];
  if (!unit) return undefined;
  if (governmentOf(path)?.id !== authority.government) {
    return refusal(RefusalCode.WrongOffice, {
      zh: `${field}：${unit.name}不属于本决策的决策机关所在的政府（${authority.government}），不能共同承办`,
      en: `${field}: ${unit.id} does not belong to the government of this decision's deciding organ (${authority.government}), so it cannot share the drafting`,
    }, art(11));
  }
  if (authority.decidingOrgan === authority.government) return undertakingUnitProblem(path, field);
  // The lead unit's own rule (an internal office of the department, none under its 办公室 or 法制机构), said of this field.
  if (!checkDecidingOrgan(path, authority.decidingOrgan)) return undefined;
  return refusal(RefusalCode.WrongOffice, {
    zh: `${field}：部门（${authority.decidingOrgan}）作为决策机关的，共同承办的单位应当是该部门的内设机构（不含其办公室、法制机构及其下设机构），${unit.name}不是`,
    en: `${field}: where the department ${authority.decidingOrgan} decides, a unit sharing the drafting is one of its internal offices, and ${unit.id} is not`,
  }, art(11), art(42));
}

/** The matter types a registration names are known ones, each named once (Art. 3 para. 2). */
export function checkMatterTypes(matterTypes: unknown): Refusal | undefined {
  if (matterTypes === undefined) return undefined;
  const known = Object.keys(MATTER_TYPES);
  const ok = Array.isArray(matterTypes) && matterTypes.every((m) => typeof m === 'string' && known.includes(m)) && new Set(matterTypes).size === matterTypes.length;
  if (ok) return undefined;
  return refusal(RefusalCode.InvalidPayload, {
    zh: `matterTypes：必须是不重复的事项类型列表，每项为以下之一：${known.join('、')}`,
    en: `matterTypes must list distinct matter types, each one of ${known.join(', ')}`,
  }, art(3, 2));
}

/** What a registration reads of its catalog item (决策事项目录, Art. 3): the year, when it was published, why it was added. */
export interface CatalogItemFacts {
  ref: string;
  year?: number | null;
  publishedAt?: Date | string | null;
  adjustmentReason?: string | null;
}

/**
 * The profile's rules of the catalog, at registration (profiles.ts `catalog`): a decision starts from an item of this
 * year's catalog, where the catalog is yearly; an item published after the month by which the year's catalog is fixed
 * is an adjustment of it, and says why (adjustmentReason). Days are counted in China Standard Time.
 */
export function checkCatalogItem(profile: ProcedureProfile | undefined, item: CatalogItemFacts, now: number): Refusal | undefined {
  const rules = profile?.catalog;
  if (!rules) return undefined;
  const today = cstDay(now);
  const cite = (basis: Citation[]) => basis.map(citationZh).join('、');
  if (rules.annual && item.year !== Number(today.slice(0, 4))) {
    const a = rules.annual;
    return refusal(RefusalCode.PrerequisiteMissing, {
      zh: `${a.what.zh}（${cite(a.basis)}）：目录事项 ${item.ref} 属于${item.year ?? '未载明'}年度目录，今天是${today}；应当列入本年度目录`,
      en: `${a.what.en}: catalog item ${item.ref} is of the ${item.year ?? 'unstated'} catalog, and today is ${today}; list it in this year's catalog`,
    }, ...a.basis);
  }
  const f = rules.fixedBy;
  const published = item.publishedAt ? cstDay(new Date(item.publishedAt).getTime()) : undefined;
  // 'YYYY-MM' compares in order: published in a month after the one the catalog is fixed by.
  const late = f && item.year && published && published.slice(0, 7) > `${item.year}-${String(f.month).padStart(2, '0')}`;
  if (f && late && !item.adjustmentReason?.trim()) {
    return refusal(RefusalCode.ReasonRequired, {
      zh: `${f.what.zh}（${cite(f.basis)}）：目录事项 ${item.ref} 于${published}公布，在${item.year}年${f.month}月底之后，属于目录调整，应当载明调整理由（adjustmentReason）`,
      en: `${f.what.en}: catalog item ${item.ref} was published on ${published}, after the end of month ${f.month} of ${item.year}: it adjusts the catalog and must say why (adjustmentReason)`,
    }, ...f.basis);
  }
  return undefined;
}

/**
 * The catalog is the deciding organ's own (Art. 3 para. 3: 决策机关…确定决策事项目录): a decision is registered, and its
 * organ decides to start it, only from an item of the catalog of the decision's government. Items published before the
 * catalog kept its government (governmentId null), and decisions registered before offices were checked (no
 * government), cannot be related and are not refused here. `field`: the field that names the item.
 */
export function checkCatalogGovernment(item: CatalogItemFacts & { governmentId?: string | null }, governmentId: string | null | undefined, field = 'catalogRef'): Refusal | undefined {
  if (!item.governmentId || !governmentId || item.governmentId === governmentId) return undefined;
  return refusal(RefusalCode.PrerequisiteMissing, {
    zh: `${field}：目录事项 ${item.ref} 是${item.governmentId}的决策事项目录所列，不是本决策的决策机关（${governmentId}）的目录；决策事项应当出自本级决策机关公布的目录`,
    en: `${field}: catalog item ${item.ref} is in the catalog of ${item.governmentId}, not in that of this decision's deciding organ (${governmentId}); a decision comes from its own organ's published catalog`,
  }, art(3, 3));
}

/** A government as the area check reads it: its id, name and 统一社会信用代码, where registered. */
export interface GovernmentFacts {
  id: string;
  name: string;
  creditCode?: string | null;
}

/**
 * A profile encodes one area's rules (Art. 43: 本行政区域): a decision is registered under it only where its government
 * lies in the profile's area (profiles.ts `area`). `governments`: the decision's government and those above it, nearest
 * first; the nearest one with a 统一社会信用代码 tells the division (divisionOfCreditCode), and its area holds the
 * decision's. Where none tells enough (no code, or only a larger area's that includes the profile's), the area cannot be
 * established and the profile is refused too, saying which code to register.
 */
export function checkProfileArea(profile: ProcedureProfile | undefined, governments: readonly GovernmentFacts[]): Refusal | undefined {
  const area = profile?.area;
  if (!area) return undefined;
  const own = governments[0];
  const known = governments.find((g) => divisionOfCreditCode(g.creditCode));
  const division = known && divisionOfCreditCode(known.creditCode)!;
  if (division?.startsWith(area.division)) return undefined;
  const rule = { zh: `profile：${area.name.zh}的程序规则（${profile!.id}）是${area.name.zh}行政区域的具体制度，只适用于该行政区域（行政区划代码${area.division}）内人民政府的重大行政决策`, en: `profile: the rules of ${area.name.en} (${profile!.id}) are that area's own (division code ${area.division}…) and govern only decisions of its governments` };
  const ownName = own ? `${own.name}（${own.id}）` : '（未知政府）';
  if (division && !area.division.startsWith(significantDivision(division))) {
    const where = known === own ? `行政区划代码${division}` : `所属的${known!.name}行政区划代码为${division}`;
    return refusal(RefusalCode.InvalidPayload, {
      zh: `${rule.zh}；本决策的决策机关${ownName}${where}，不在该行政区域内，应当适用本地的程序规则`,
      en: `${rule.en}; this decision's deciding organ ${own?.id} lies in division ${division}, outside it: use its own area's rules`,
    }, ...area.basis);
  }
  return refusal(RefusalCode.InvalidPayload, {
    zh: `${rule.zh}；无法确定本决策的决策机关${ownName}是否在该行政区域内：${division ? `已知的只是${known!.name}的行政区划代码${division}` : '该政府及其上级政府均未登记统一社会信用代码'}，请由登记员登记该政府的统一社会信用代码（其第3至8位为行政区划代码）`,
    en: `${rule.en}; whether this decision's deciding organ ${own?.id} lies in that area cannot be told: ${division ? `only ${known!.id}'s division ${division} is known` : 'neither it nor a government above it has a registered credit code'}; have its registrar register its 统一社会信用代码 (characters 3-8 are the division code)`,
  }, ...area.basis);
}

/**
 * Where a government's area has rules of its own (Art. 43: a province's or a city's 具体制度 bind its governments), its
 * decisions follow them, not the national baseline nor a larger area's: the most specific profile among `profiles`
 * whose area holds the government's division (Qingdao's in Qingdao, Shandong's elsewhere in Shandong). Where the
 * division cannot be told (no 统一社会信用代码 up the government's line), no area's rules are forced on it. Checked when a
 * decision is registered, against the profiles the engine has then; not replayed offline, since a place's profile
 * added later does not reach back to decisions registered before it.
 */
export function checkOwnAreaRules(profile: ProcedureProfile | undefined, governments: readonly GovernmentFacts[], profiles: readonly ProcedureProfile[]): Refusal | undefined {
  const known = governments.find((g) => divisionOfCreditCode(g.creditCode));
  const division = known && divisionOfCreditCode(known.creditCode)!;
  if (!division) return undefined;
  const own = profiles.filter((p) => p.area && division.startsWith(p.area.division)).sort((a, b) => b.area!.division.length - a.area!.division.length)[0];
  if (!own?.area || own.id === profile?.id) return undefined;
  const gov = governments[0];
  const chosen = profile?.area ? `${profile.area.name.zh}的程序规则（${profile.id}）` : `全国通用的程序规则（${profile?.id ?? 'national'}）`;
  return refusal(
    RefusalCode.InvalidPayload,
    {
      zh: `profile：本决策的决策机关${gov ? `${gov.name}（${gov.id}）` : ''}位于${own.area.name.zh}（行政区划代码${division}），${own.area.name.zh}已制定本行政区域重大行政决策的具体制度，应当适用其程序规则（profile 为 ${own.id}），不能适用${chosen}`,
      en: `profile: this decision's deciding organ ${gov?.id ?? ''} lies in ${own.area.name.en} (division ${division}), whose own rules govern its decisions: register it under profile ${own.id}, not ${profile?.id ?? 'national'}`,
    },
    art(43),
    ...own.area.basis.filter((c) => citationZh(c) !== citationZh(art(43))),
  );
}

/** The registration's signature covers the decision id in place of an idempotency key: a decision is registered once. */
export const registrationIdempotencyKey = (r: Pick<DecisionRegistration, 'id'>) => r.id;

/** The undertaking unit named at initiation registers the decision itself (Art. 11). */
export function checkRegistration(r: Pick<DecisionRegistration, 'undertakingDepartment' | 'registeredByOffice'> & { registeredBy: Actor }): Refusal | undefined {
  if (r.registeredBy.role !== Role.UndertakingUnit) {
    return refusal(RefusalCode.WrongRole, {
      zh: `决策事项应当由决策承办单位登记，不能由${roleZh(r.registeredBy.role)}登记（actor.role 应为 ${Role.UndertakingUnit}）`,
      en: `a decision is registered by its undertaking unit (role ${Role.UndertakingUnit}), not by the role ${r.registeredBy.role}`,
    }, art(11));
  }
  // With offices known, an official of an internal office of the department registers for it.
  const path = r.registeredByOffice?.path;
  const ofUnit = path ? path[0]?.id === r.registeredBy.organisation && isWithin(path, r.undertakingDepartment) : r.registeredBy.organisation === r.undertakingDepartment;
  if (!ofUnit) {
    return refusal(RefusalCode.WrongRole, {
      zh: `${r.registeredBy.organisation}不是本决策事项明确的决策承办单位（${r.undertakingDepartment}）`,
      en: `${r.registeredBy.organisation} is not the undertaking unit named for this decision (${r.undertakingDepartment})`,
    }, art(11));
  }
  return undefined;
}

/** Business ids: letters, digits, '.', '_' and '-', 3 to 64 characters. */
export const DECISION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

export const NATIONAL_PROFILE = 'national';

/** What the registry returns once a registration is stored. */
export interface RegistrationReceipt {
  id: string;
  workflowId: string;
  runId: string;
  registeredAt: string;
}
