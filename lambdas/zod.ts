/**
 * zod for Lambda code (`import * as z from '#lambdas/zod.ts'`): its mini build, whose functions
 * tree-shake, instead of the classic one, whose methods on every schema keep all of it in a
 * bundle (every function validates its config and events with zod at cold start). Mini has no
 * messages of its own until a locale is set: the English one gives classic zod's messages.
 */

import { config, NEVER, pipe, refine, string, transform, type ZodMiniType } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

export * from 'zod/mini';

config(en());

/** A whole number (classic zod's `.int()`, which mini has only as a schema of its own). */
export const whole = refine<number>((n) => Number.isSafeInteger(n), 'expected a whole number');

/**
 * A JSON document in a string (an environment variable, an SNS message), then `schema`: Powertools
 * parser's `JSONStringified`, on zod/mini. A string that is not JSON fails with "not JSON: …".
 */
export const jsonString = <T extends ZodMiniType>(schema: T) =>
  pipe(
    pipe(
      string(),
      transform((s: string, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch (err) {
          ctx.issues.push({ code: 'custom', message: `not JSON: ${(err as Error).message}`, input: s });
          return NEVER;
        }
      }),
    ),
    schema,
  );
