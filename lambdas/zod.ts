/**
 * zod for Lambda code (`import * as z from '#lambdas/zod.ts'`): its mini build, whose functions
 * tree-shake, instead of the classic one, whose methods on every schema keep all of it in a
 * bundle (every function validates its config and events with zod at cold start). Mini has no
 * messages of its own until a locale is set: the English one gives classic zod's messages.
 */

import { config, refine } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

export * from 'zod/mini';

config(en());

/** A whole number (classic zod's `.int()`, which mini has only as a schema of its own). */
export const whole = refine<number>((n) => Number.isSafeInteger(n), 'expected a whole number');
