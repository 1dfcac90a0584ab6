// The list of benchmarks. Each returns one or more results.
import type { BenchResult } from './results';
import { decadeBench } from './decade';
import { declareBench } from './declare';
import { fanoutBench } from './fanout';
import { mixedLoadBench } from './mixedLoad';
import { noteAppendBench } from './noteAppend';
import { outboxBench } from './outbox';
import { rendererBench } from './renderer';
import { reportBench } from './report';
import { searchBench } from './search';
import { serveBench } from './serve';
import { slackPacingBench } from './slackPacing';
import { timelineBench } from './timeline';

export interface Bench {
  name: string;
  run(opts: { quick: boolean }): Promise<BenchResult[]>;
}

export const benches: Bench[] = [
  noteAppendBench,
  searchBench,
  timelineBench,
  outboxBench,
  slackPacingBench,
  fanoutBench,
  rendererBench,
  serveBench,
  reportBench,
  mixedLoadBench,
  decadeBench,
  declareBench,
];
