import { APPLICATION_FORMS, type ApplicationFormField, type CandidateApplicationKind } from '@kaowei/shared';

/** What the boxes hold: text per field, and rows of text for a list (转入's courses). */
export type FormRow = Record<string, string>;
export type FormInputs = Record<string, string | FormRow[]>;

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** A stored form (a 草稿, or an application to correct) back in its boxes. */
export function inputsFromForm(fields: ApplicationFormField[], form: Record<string, unknown>): FormInputs {
  return Object.fromEntries(
    fields.map((f) => {
      if (f.input !== 'list') return [f.key, text(form[f.key])];
      const rows = Array.isArray(form[f.key]) ? (form[f.key] as Record<string, unknown>[]) : [];
      return [f.key, rows.map((row) => Object.fromEntries(f.fields!.map((c) => [c.key, text(row[c.key])])))];
    }),
  );
}

function value(field: ApplicationFormField, raw: string): unknown {
  const typed = raw.trim();
  if (typed === '')
    return field.empty === 'omit'
      ? undefined
      : field.empty === 'null'
        ? null
        : field.input === 'number'
          ? undefined
          : '';
  return field.input === 'number' && /^-?\d+(\.\d+)?$/.test(typed) ? Number(typed) : typed;
}

function rowsOf(inputs: FormInputs, key: string): FormRow[] {
  const rows = inputs[key];
  return Array.isArray(rows) ? rows : [];
}

/** The form as the API takes it: empty optional boxes left out, numbers as numbers. */
export function formFromInputs(fields: ApplicationFormField[], inputs: FormInputs): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const f of fields) {
    const v =
      f.input === 'list'
        ? rowsOf(inputs, f.key).map((row) =>
            Object.fromEntries(
              f.fields!.map((c) => [c.key, value(c, row[c.key] ?? '')]).filter(([, x]) => x !== undefined),
            ),
          )
        : value(f, typeof inputs[f.key] === 'string' ? (inputs[f.key] as string) : '');
    if (v !== undefined) form[f.key] = v;
  }
  return form;
}

/**
 * The kind's own shared schema checks the form before 提交 (the server checks it again and decides): problems by
 * field path ("reason", "courses.0.score"), and '' for the form as a whole. A masked number kept from the stored
 * form (信息变更's document number) is the server's to check.
 */
export function formProblems(kind: CandidateApplicationKind, form: Record<string, unknown>): Record<string, string> {
  const parsed = APPLICATION_FORMS[kind].safeParse(form);
  if (parsed.success) return {};
  const problems: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    const typed = issue.path.reduce<unknown>(
      (at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey],
      form,
    );
    if (typeof typed === 'string' && typed.includes('*')) continue;
    problems[path] ??= issue.message;
  }
  return problems;
}
