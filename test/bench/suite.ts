// The list of benchmarks. Each returns one or more results.
import type { BenchResult } from './results';

export interface Bench {
  name: string;
  run(opts: { quick: boolean }): Promise<BenchResult[]>;
}

export const benches: Bench[] = [];
