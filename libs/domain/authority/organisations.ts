/**
 * Organisations as data (issue: authority proved): governments in their
 * hierarchy, their general offices, departments and internal offices, the
 * legality review body, and bodies outside government. Each has a stable id;
 * the one it belongs to is its parent.
 */
export const OrganisationKind = {
  /** 人民政府: a government, which is also the deciding organ (决策机关) of its decisions. */
  Government: 'government',
  /** 办公厅（室）: the government's general office, which serves the deciding organ (its meetings, its documents). */
  GeneralOffice: 'general_office',
  /** 工作部门: a department of a government. */
  Department: 'department',
  /** 司法行政部门 / 合法性审查机构 (Art. 25): the department that reviews legality for its government. */
  LegalityReviewBody: 'legality_review_body',
  /** 内设机构: an internal office; it belongs to its department (or to another office). */
  Office: 'office',
  /** Outside government: third-party assessors, law firms, universities, research institutes. */
  OutsideBody: 'outside_body',
} as const;
export type OrganisationKind = (typeof OrganisationKind)[keyof typeof OrganisationKind];
export const ORGANISATION_KINDS: readonly OrganisationKind[] = Object.values(OrganisationKind);

/** Levels of government (Art. 2: 县级以上地方人民政府; townships and streets follow provincial rules). */
export const GOVERNMENT_LEVELS = ['national', 'province', 'city', 'county', 'township'] as const;
export type GovernmentLevel = (typeof GOVERNMENT_LEVELS)[number];

export interface Organisation {
  id: string;
  /** Its Chinese name, e.g. 杭州市交通运输局. */
  name: string;
  kind: OrganisationKind;
  /** The organisation it belongs to; null only for a government at the top. */
  parentId: string | null;
  /** Governments only. */
  level?: GovernmentLevel | null;
  /** 统一社会信用代码, where it has one (18 characters). */
  creditCode?: string | null;
}

/**
 * Organisation ids: letters, digits, '.', '_', ':' and '-', 2 to 64 characters, e.g. zj-hz-jtj. Chinese characters
 * are allowed too, so that decisions registered while units were free text (e.g. 市交通运输局) can go on: their unit
 * is registered under that very id and its officials appointed in it.
 */
export const ORGANISATION_ID_PATTERN = /^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff._:-]{1,63}$/;
/** 统一社会信用代码 (GB 32100-2015): 18 characters of digits and capitals without I, O, S, V, Z. The form only: creditCodeProblem checks the check character too. */
export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The 31 characters of a 统一社会信用代码, in the order of their values 0 to 30 (GB 32100-2015). */
const CREDIT_CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * The check character (the 18th) GB 32100-2015 gives the first 17 characters of a 统一社会信用代码: each character's
 * value weighted by 3^i mod 31 (i from 0), the check value 31 − (sum mod 31), 31 read as 0. Undefined where the 17
 * characters are not all of the code's alphabet.
 */
export function creditCodeCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  let weight = 1;
  for (const ch of first17) {
    const value = CREDIT_CODE_CHARACTERS.indexOf(ch);
    if (value < 0) return undefined;
    sum += value * weight;
    weight = (weight * 3) % 31;
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_CHARACTERS[check === 31 ? 0 : check];
}

/**
 * What is wrong with a 统一社会信用代码 as entered (GB 32100-2015), Chinese first; undefined for a valid one: 18
 * characters of its alphabet (digits and capitals without I, O, S, V, Z), characters 3 to 8 digits (the division
 * code), the 18th the check character of the first 17. Codes already registered are read as signed
 * (divisionOfCreditCode reads the form only), so records made before this check verify as they did.
 */
export function creditCodeProblem(code: unknown): { zh: string; en: string } | undefined {
  if (typeof code !== 'string' || !CREDIT_CODE_PATTERN.test(code)) {
    return {
      zh: '必须是18位统一社会信用代码（GB 32100-2015）：由数字和除I、O、S、V、Z以外的大写字母组成，第3至8位为行政区划代码',
      en: 'must be an 18-character unified social credit code (GB 32100-2015): digits and capitals other than I, O, S, V and Z, characters 3 to 8 the division code',
    };
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] === expected) return undefined;
  return {
    zh: `统一社会信用代码的校验码不符（GB 32100-2015）：按前17位计算，第18位应为${expected}，而不是${code[17]}；请核对代码是否抄错`,
    en: `the check character does not match (GB 32100-2015): from the first 17 characters the 18th is ${expected}, not ${code[17]}; check the code for a typing error`,
  };
}

/**
 * The 行政区划代码 (GB/T 2260) a 统一社会信用代码 carries: characters 3 to 8 are the administrative division of the
 * authority that registered the organisation (GB 32100-2015), for a government or its organs that government's own
 * division, e.g. 370200 for 青岛市. Undefined without a well-formed code.
 */
export function divisionOfCreditCode(code: string | null | undefined): string | undefined {
  return code && CREDIT_CODE_PATTERN.test(code) ? code.slice(2, 8) : undefined;
}

/** The significant digits of a division code: 370000 → 37 (the province), 370200 → 3702 (the city), 370212 → 370212. */
export const significantDivision = (division: string): string => division.replace(/(00)+$/, '');

/** The division code of organs of the central government (国家机关), whose area is the whole country. */
const NATIONAL_DIVISION = '100000';

/**
 * Whether a government's or a government organ's 统一社会信用代码 places it where the hierarchy does: its division lies
 * within that of the nearest organisation above it that has a code (a district's 330106 within 杭州市's 330100, a
 * department's within its government's, a township's its county's). The area rules (Art. 43, checkProfileArea) read
 * the division of a decision's government from its code: a code of another area would place it there. Undefined when
 * it holds, or when either code carries no division (not well-formed, or the central government's).
 */
export function creditCodeAreaProblem(code: string | null | undefined, above: { name: string; creditCode?: string | null } | undefined): { zh: string; en: string } | undefined {
  const own = divisionOfCreditCode(code);
  const theirs = divisionOfCreditCode(above?.creditCode);
  if (!own || !theirs || theirs === NATIONAL_DIVISION) return undefined;
  if (own.startsWith(significantDivision(theirs))) return undefined;
  return {
    zh: `统一社会信用代码的行政区划代码（第3至8位）为${own}，不在所属的${above!.name}（${theirs}）的行政区域内；请核对代码或者所属机构`,
    en: `the code's division (characters 3 to 8) is ${own}, outside that of ${above!.name} (${theirs}), which it belongs to; check the code or the parent`,
  };
}

/** One organisation on the way up: what an office held carries of each, nearest first. */
export interface PathStep {
  id: string;
  name: string;
  kind: OrganisationKind;
}

/**
 * The organisation and every one above it, nearest first, as found in `byId`;
 * undefined when one is missing or the parents go round in a circle.
 */
export function pathOf(id: string, byId: ReadonlyMap<string, Organisation>): PathStep[] | undefined {
  const path: PathStep[] = [];
  const seen = new Set<string>();
  for (let at: string | null = id; at !== null; ) {
    const o = byId.get(at);
    if (!o || seen.has(at)) return undefined;
    seen.add(at);
    path.push({ id: o.id, name: o.name, kind: o.kind });
    at = o.parentId;
  }
  return path;
}

/** The government an organisation belongs to: itself for a government, else the nearest one above it. */
/**
 * Whether `path[at]` is a working department (工作部门) of the government above it, one that may decide its own major
 * matters (Art. 42): a department, or the government's legality review body (司法局 is a department of its government
 * too; it reviews for the government, and decides its own matters as any department does).
 */
export function isGovernmentDepartment(path: readonly PathStep[], at: number): boolean {
  const o = path[at];
  return !!o && (o.kind === OrganisationKind.Department || o.kind === OrganisationKind.LegalityReviewBody) && path[at + 1]?.kind === OrganisationKind.Government;
}

export function governmentOf(path: readonly PathStep[]): PathStep | undefined {
  return path.find((p) => p.kind === OrganisationKind.Government);
}

/**
 * The government whose registrar registers an organisation and makes
 * appointments in it: the government it belongs to; for a government, the one
 * above it (a government at the top registers itself).
 */
export function registeringGovernment(path: readonly PathStep[]): PathStep | undefined {
  if (path[0]?.kind === OrganisationKind.Government && path.length > 1) return governmentOf(path.slice(1));
  return governmentOf(path);
}

/** Whether the organisation (by its path) is `id` or lies under it. */
export const isWithin = (path: readonly PathStep[], id: string): boolean => path.some((p) => p.id === id);
