import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One Prometheus registry per process; every module registers its metrics here. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'hearth_process_' });

const existing = (name: string) => metricsRegistry.getSingleMetric(name);

/** Get-or-create helpers: several services in one process (embedded mode) share the registry. */
export function counter<L extends string>(name: string, help: string, labelNames: L[] = []): Counter<L> {
  return (existing(name) as Counter<L>) ?? new Counter({ name, help, labelNames, registers: [metricsRegistry] });
}
export function gauge<L extends string>(name: string, help: string, labelNames: L[] = []): Gauge<L> {
  return (existing(name) as Gauge<L>) ?? new Gauge({ name, help, labelNames, registers: [metricsRegistry] });
}
export function histogram<L extends string>(name: string, help: string, labelNames: L[] = [], buckets?: number[]): Histogram<L> {
  return (existing(name) as Histogram<L>) ?? new Histogram({ name, help, labelNames, buckets, registers: [metricsRegistry] });
}
