import type { Field } from './payload';

/** A message of the API placed on the form's field it names: the field's name path in the form, and what is wrong. */
export interface FieldMessage {
  name: (string | number)[];
  /** The message without the field's name: '必须是文件哈希值（must be a document hash）'. */
  message: string;
  /** The API's message as it came. */
  source: string;
}

/**
 * Where the API's messages go in a form (step-forms.ts, the registrar's forms). The API names the field it refuses
 * first: 'opinionHash：必须是…（opinionHash must be …）' from the procedure, 'payload.unitsConcerned.0：…' from the
 * validation pipe, 'body.payload.channels.0：…' from the edge's input check, 'governmentId：…' from the registrar's endpoints. A message whose path leads to a field drawn in
 * `fields` goes under that field (a list of texts takes its items' messages; an item of a list of objects, its own
 * field's); the others (the whole step, the actor, a group as a whole) stay in the general alert, as `rest`.
 */
export function placeApiMessages(messages: readonly string[], fields: readonly Field[]): { placed: FieldMessage[]; rest: string[] } {
  const placed: FieldMessage[] = [];
  const rest: string[] = [];
  for (const m of messages) {
    const at = m.indexOf('：');
    const raw = at > 0 ? m.slice(0, at) : '';
    // The edge's own check names where in the request: 'body.payload.channels.0', 'body.title'.
    const found = /^[A-Za-z][\w.]*$/.test(raw) ? fieldPath(fields, raw.replace(/^body\./, '').replace(/^payload\./, '').split('.')) : undefined;
    if (!found) {
      rest.push(m);
      continue;
    }
    // The English half names the field again ('（opinionHash must be …）', '（unit: no organisation …）'): once is enough beside it.
    const said = m.slice(at + 1).replace(new RegExp(`（${raw.replace(/\./g, '\\.')}:?\\s+`), '（');
    placed.push({ name: found.path, message: found.field.kind === 'hash' ? inTheForm(said) : said, source: m });
  }
  return { placed, rest };
}

/** The name path of the form item `segments` (a payload path) leads to, if it is drawn, and that item. */
function fieldPath(fields: readonly Field[], segments: string[]): { path: (string | number)[]; field: Field } | undefined {
  const [head, ...tail] = segments;
  const field = fields.find((f) => f.name === head);
  if (!field) return undefined;
  if (field.kind === 'group') {
    const inner = tail.length ? fieldPath(field.fields, tail) : undefined;
    return inner && { path: [head, ...inner.path], field: inner.field };
  }
  if (field.kind === 'list') {
    const index = Number(tail[0]);
    const inner = Number.isInteger(index) && index >= 0 && tail.length > 1 ? fieldPath(field.item, tail.slice(1)) : undefined;
    return inner && { path: [head, index, ...inner.path], field: inner.field };
  }
  return { path: [head], field };
}

/**
 * A document refusal (MISSING_DOCUMENT) beside a file's field says what to do in the form, not through the API: the
 * file is chosen again in this field, which uploads it as the one signing (the fresh-eyes tester: "POST /documents"
 * told an official in a browser nothing). Beside a text field (a hash typed into the legal basis), as the API says it.
 */
function inTheForm(message: string): string {
  return message
    .replace(/请先通过 POST \/documents 上传该文件（[^）]*）/, '请在此栏重新选择该文件，由您本人上传后再签署')
    .replace(/upload it with POST \/documents first \([^)]*\)/, 'choose the file again in this field, to upload it yourself, then sign');
}
