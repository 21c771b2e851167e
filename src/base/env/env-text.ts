import { z } from 'zod';

/** An environment variable as text: trimmed, and an empty string counts as unset. */
export const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** One environment variable: how it is parsed, and how to fix it (appended to its error line). */
export interface EnvVariable<S extends z.ZodType = z.ZodType> {
  schema: S;
  fix: string;
}

export const envVariable = <S extends z.ZodType>(schema: S, fix: string): EnvVariable<S> => ({ schema, fix });

/** The zod shape of a set of variables, to spread into a configuration schema. */
export function envShape<V extends Record<string, EnvVariable>>(vars: V): { [K in keyof V]: V[K]['schema'] } {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.schema])) as { [K in keyof V]: V[K]['schema'] };
}

/** How to fix each of a set of variables. */
export function envFixes<V extends Record<string, EnvVariable>>(vars: V): Record<keyof V, string> {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.fix])) as Record<keyof V, string>;
}
