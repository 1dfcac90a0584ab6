// Text rules shared by every operation that stores user text: what is refused and why.
import { z } from 'zod';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string that may be stored: no NUL, no lone surrogates, bounded length (in UTF-16 units). */
export const storableText = (max: number, label = 'text') =>
  z
    .string()
    .max(max, { message: `${label} is longer than ${max} characters` })
    .refine((s) => !s.includes('\u0000'), { message: `${label} contains a NUL character` })
    .refine((s) => !LONE_SURROGATE.test(s), {
      message: `${label} contains an unpaired surrogate (broken Unicode)`,
    });

/** A short single-line label such as a title: trimmed, non-empty. */
export const label = (max: number, name: string) =>
  storableText(max, name)
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, { message: `${name} is required` })
    .refine((s) => !/[\r\n]/.test(s), { message: `${name} must be a single line` });

export const httpsUrl = (name: string) =>
  storableText(2048, name).refine(
    (s) => {
      try {
        const u = new URL(s);
        return u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        return false;
      }
    },
    { message: `${name} must be an http(s) URL` },
  );

export const id = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, { message: 'not a valid id' });
