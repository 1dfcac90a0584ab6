// Helpers to declare operations and events: a zod input schema plus a phantom output type.
import type { z } from 'zod';

export interface OpSpec<I extends z.ZodType, O> {
  readonly input: I;
  readonly summary: string;
  /** Phantom: never read at run time, only carries the output type. */
  readonly output?: O;
}

export const op =
  <O>() =>
  <I extends z.ZodType>(summary: string, input: I): OpSpec<I, O> => ({
    input,
    summary,
  });

export interface EventSpec<P> {
  readonly payload?: P;
}
export const event = <P>(): EventSpec<P> => ({});
