import { z } from 'zod';

/** An environment variable as text: trimmed, and an empty string counts as unset. */
export const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
