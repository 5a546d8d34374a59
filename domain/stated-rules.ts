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
export const isStatedIssue = (issue: { code: string; params?: unknown }): boolean => issue.code !== 'custom' || (issue.params as { stated?: boolean } | undefined)?.stated === true;

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
        for (const q of r.require) if (!v[q.path]) ctx.addIssue({ code: 'custom', path: [q.path], message: q.message, params: STATED });
      }
    })
    .meta({ allOf: rules.map((r) => ({ if: { properties: { [r.field]: { enum: [...r.values] } }, required: [r.field] }, then: { required: r.require.map((q) => q.path) } })) });
}

/** At least one field (a PATCH with nothing to change is refused): checked by Zod, stated as `minProperties: 1`. */
export function atLeastOneField<T extends z.ZodObject>(schema: T, message = 'nothing to change'): T {
  return schema.refine((v: Record<string, unknown>) => Object.values(v).some((x) => x !== undefined), { message, params: STATED }).meta({ minProperties: 1 });
}

/** An array of distinct strings: checked by Zod, stated as `uniqueItems`. */
export const uniqueStrings = <T extends z.ZodArray<z.ZodType<string>>>(schema: T, message: string): T =>
  schema.refine((xs: string[]) => new Set(xs).size === xs.length, { message, params: STATED }).meta({ uniqueItems: true });
