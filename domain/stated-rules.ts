import { z } from 'zod';
/**
 * Refinements and the OpenAPI document. A refinement whose rule JSON Schema can state (a field
 * required when another has a value, at least one field, unique items) is written with these
 * helpers: Zod checks it, the same definition becomes JSON Schema (`.meta`, read by
 * zod-to-openapi), and its issues carry `params.stated` so the API answers 400 like any schema
 * violation. Any other refinement (sums, date order, uniqueness by key) is a rule the schema cannot
 * state: the API answers it with 422 (api/errors.ts).
 */
export const STATED = { stated: true } as const;

/** Custom issues raised by a rule stated in the JSON Schema. */
export const isStatedIssue = (issue: { code: string; params?: unknown }): boolean =>
  issue.code !== 'custom' || (issue.params as { stated?: boolean } | undefined)?.stated === true;

export interface RequiredWhen {
  /** The deciding field and the values that make the other fields required. */
  field: string;
  values: readonly string[];
  require: readonly { path: string; message: string }[];
}

/** "When `field` is one of `values`, these fields are required": checked by Zod, stated as `if`/`then` in the JSON Schema. */
export function requiredWhen<T extends z.ZodObject>(schema: T, rules: readonly RequiredWhen[]): T {
  return schema
    .superRefine((v: Record<string, unknown>, ctx) => {
      for (const r of rules) {
        if (!r.values.includes(v[r.field] as string)) continue;
        for (const q of r.require)
          if (!v[q.path]) ctx.addIssue({ code: 'custom', path: [q.path], message: q.message, params: STATED });
      }
    })
    .meta({
      allOf: rules.map((r) => ({
        if: { properties: { [r.field]: { enum: [...r.values] } }, required: [r.field] },
        then: { required: r.require.map((q) => q.path) },
      })),
    });
}

/** At least one field (a PATCH with nothing to change is refused): checked by Zod, stated as `minProperties: 1`. */
export function atLeastOneField<T extends z.ZodObject>(schema: T, message = 'nothing to change'): T {
  return schema
    .refine((v: Record<string, unknown>) => Object.values(v).some((x) => x !== undefined), { message, params: STATED })
    .meta({ minProperties: 1 });
}

/** An array of distinct strings: checked by Zod, stated as `uniqueItems`. */
export const uniqueStrings = <T extends z.ZodArray<z.ZodType<string>>>(schema: T, message: string): T =>
  schema
    .refine((xs: string[]) => new Set(xs).size === xs.length, { message, params: STATED })
    .meta({ uniqueItems: true });

/** The characters String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), as a regex class. */
const WS = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';
const NOT_WS = `[^${WS.slice(1)}`;

/**
 * A text the API trims: at most `max` characters as sent, at least `min` once trimmed. Zod checks
 * exactly that (max on the raw text, then trim, then min); the JSON Schema states it as
 * maxLength and a pattern ("`min` characters from the first to the last non-blank one").
 */
export function trimmedText(min: number, max: number): z.ZodString {
  const text = z.string().max(max).trim().min(min);
  if (min === 0) return text;
  return text.meta({
    pattern: min === 1 ? `^[\\s\\S]*${NOT_WS}[\\s\\S]*$` : `^${WS}*${NOT_WS}[\\s\\S]{${min - 2},}${NOT_WS}${WS}*$`,
  });
}

/** A pattern that admits what `inner` admits with blanks around it (what a trimmed field accepts). */
export const blankPadded = (inner: string): string => `^${WS}*(?:${inner})${WS}*$`;

/** A trimmed text that must match `regex` (anchored with ^ and $) once trimmed; stated as the same pattern with blanks allowed around it. */
export function trimmedMatch(regex: RegExp, message: string): z.ZodString {
  return z
    .string()
    .trim()
    .regex(regex, message)
    .meta({ pattern: blankPadded(regex.source.replace(/^\^/, '').replace(/\$$/, '')) });
}
