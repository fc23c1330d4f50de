import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Catalog } from "../catalog.ts";

/** Prometheus metrics of one server: requests by route, screens, hits and the age of each list. */
export function createMetrics(catalog: Catalog) {
  // A registry per server, so several servers in one process (tests) do not collide.
  const registry = new Registry();
  const requests = new Counter({
    name: "redline_http_requests_total",
    help: "HTTP requests by method, route and status",
    labelNames: ["method", "route", "status"],
    registers: [registry],
  });
  const latency = new Histogram({
    name: "redline_http_request_duration_seconds",
    help: "HTTP request latency by method and route",
    labelNames: ["method", "route"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const screens = new Counter({
    name: "redline_screens_total",
    help: "answered screenings by channel",
    labelNames: ["channel"],
    registers: [registry],
  });
  const hits = new Counter({
    name: "redline_hits_total",
    help: "hits returned by answered screenings",
    labelNames: ["channel"],
    registers: [registry],
  });
  new Gauge({
    name: "redline_list_age_seconds",
    help: "time since the list version in service was imported, by source",
    labelNames: ["source", "version"],
    registers: [registry],
    collect() {
      this.reset();
      const now = Date.now();
      for (const v of catalog.versions) {
        this.set({ source: v.source, version: String(v.id) }, (now - Date.parse(v.importedAt)) / 1000);
      }
    },
  });
  return {
    contentType: registry.contentType,
    /** Count one finished request. */
    observe(method: string, route: string, status: number, elapsedMs: number): void {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, elapsedMs / 1000);
    },
    /** Count one answered screening and its hits. */
    screened(channel: string, hitCount: number): void {
      screens.inc({ channel });
      hits.inc({ channel }, hitCount);
    },
    /** The metrics in Prometheus text format. */
    render: () => registry.metrics(),
  };
}
