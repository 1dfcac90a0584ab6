// Builds every service from the shared dependencies.
import type { PdfPrinter } from '../ports';
import { incidentsService, type ServiceDeps } from './incidents';
import { reportService } from './report';

export interface ServiceOptions {
  dataDir: string;
  pdfPrinter?: PdfPrinter;
}

export function createServices(deps: ServiceDeps, opts: ServiceOptions) {
  return {
    incidents: incidentsService(deps),
    report: reportService({ ...deps, ...opts }),
  };
}
export type Services = ReturnType<typeof createServices>;
export type { ServiceDeps };
