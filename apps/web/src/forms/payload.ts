import dayjs, { type Dayjs } from 'dayjs';
import type { ProcedureProfile } from '../../../../libs/domain';

/**
 * One generic way to write a signed request as a form: a list of fields
 * describes the payload (its names are the payload's own keys), FieldsForm
 * draws it with Ant Design, and payloadOf turns what was filled in into the
 * payload, leaving out what was left empty. The step forms (step-forms.ts) and
 * the registrar's forms are all written this way.
 */
interface Common<N extends string = string> {
  name: N;
  label: string;
  required?: boolean;
  help?: string;
  /** The test id of its input; the name by default. */
  testId?: string;
  /**
   * Asked only under the rules (profile) of which this holds, e.g. a choice
   * only some provinces allow; where the decision's rules are not known, not asked.
   */
  onlyWhere?: (profile: ProcedureProfile) => boolean;
}
export type Field<N extends string = string> = Common<N> &
  (
    | { kind: 'hash' }
    /** `pattern`: what the text must match, with the message shown under the field when it does not; `max`: its length at most. */
    | { kind: 'text'; long?: boolean; placeholder?: string; pattern?: { regex: RegExp; message: string }; max?: number }
    | { kind: 'number'; min?: number; max?: number }
    /** `sentWith`: a box sent, false when unticked, whenever that sibling field is filled in (a revision's `material`, with its `reason`). */
    | { kind: 'boolean'; sentWith?: string }
    /** `multiple`: several of the options, as a list. */
    | { kind: 'select'; options: readonly { value: string; label: string }[]; multiple?: boolean }
    /** ISO 8601 with the offset, e.g. 2026-12-04T09:00:00+08:00. */
    | { kind: 'datetime' }
    /** Several short texts (channels, ids); `sentEmpty`: none filled in is sent as an empty list, which the step reads (a publication withheld by law names no channel). */
    | { kind: 'strings'; placeholder?: string; sentEmpty?: boolean }
    /** A list of objects, each with the item's fields. */
    | { kind: 'list'; item: Field[]; itemLabel: string }
    /** A nested object. */
    | { kind: 'group'; fields: Field[] }
  );

/** The fields that apply under the decision's rules (`profile`, undefined while not known), nested ones too. */
export function fieldsFor(fields: readonly Field[], profile: ProcedureProfile | undefined): Field[] {
  return fields
    .filter((f) => !f.onlyWhere || (profile !== undefined && f.onlyWhere(profile)))
    .map((f) => (f.kind === 'list' ? { ...f, item: fieldsFor(f.item, profile) } : f.kind === 'group' ? { ...f, fields: fieldsFor(f.fields, profile) } : f));
}

/** Whether any field, nested ones too, is asked only under some rules. */
export const dependsOnRules = (fields: readonly Field[]): boolean =>
  fields.some((f) => !!f.onlyWhere || (f.kind === 'list' && dependsOnRules(f.item)) || (f.kind === 'group' && dependsOnRules(f.fields)));

export const options = <T extends string>(labels: Record<T, string>) => (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));

/** Nothing filled in: an empty text or list, or a group none of whose fields was filled in. */
const blank = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && Object.keys(v).length === 0);

/**
 * The payload of what was filled in: each field's value under its name, dates
 * as ISO 8601 with their offset, lists and groups field by field; an optional
 * field left empty is left out (a required one stays, even empty, for the
 * server to name), and an unticked optional box too, unless its `sentWith` field is filled in.
 */
export function payloadOf(fields: readonly Field[], values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values?.[f.name];
    let value: unknown;
    switch (f.kind) {
      case 'datetime':
        value = v ? (v as Dayjs).format('YYYY-MM-DDTHH:mm:ssZ') : undefined;
        break;
      case 'boolean':
        value = v === undefined && !f.required && !(f.sentWith && !blank(values?.[f.sentWith])) ? undefined : !!v;
        break;
      case 'list':
        value = ((v as Record<string, unknown>[] | undefined) ?? []).map((item) => payloadOf(f.item, item));
        break;
      case 'group':
        value = payloadOf(f.fields, v as Record<string, unknown> | undefined);
        break;
      case 'strings':
        // A tag of nothing (Enter on an empty box) is no item: sent, it was refused as "no organisation numbered ''" (web tester).
        value = Array.isArray(v) ? (v as unknown[]).filter((x) => typeof x !== 'string' || x.trim() !== '') : v;
        break;
      default:
        value = v;
    }
    if (blank(value) && !f.required && !(f.kind === 'strings' && f.sentEmpty)) continue;
    out[f.name] = value ?? (f.kind === 'strings' || f.kind === 'list' ? [] : '');
  }
  return out;
}

/**
 * Form values from a payload (the reverse of payloadOf, for filling a form in); documents are never filled in from a
 * template, they are chosen: only from what this person chose before (`chosen`: a draft kept for a reload).
 */
export function valuesOf(fields: readonly Field[], payload: Record<string, unknown> | undefined, chosen = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = payload?.[f.name];
    if (v === undefined || (f.kind === 'hash' && !chosen)) continue;
    if (f.kind === 'datetime') out[f.name] = dayjs(v as string);
    else if (f.kind === 'list') out[f.name] = (v as Record<string, unknown>[]).map((item) => valuesOf(f.item, item, chosen));
    else if (f.kind === 'group') out[f.name] = valuesOf(f.fields, v as Record<string, unknown>, chosen);
    else out[f.name] = v;
  }
  return out;
}
