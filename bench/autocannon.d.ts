// The part of autocannon's API the query benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
    total: number;
  }
  interface RequestParams {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  interface Options {
    url: string;
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    /** Called before each request of a connection; what it returns is sent. */
    requests?: { setupRequest?: (request: RequestParams) => RequestParams }[];
    connections?: number;
    pipelining?: number;
    duration?: number;
    warmup?: { connections?: number; duration?: number };
    /** Counts a response whose body fails this as a mismatch. */
    verifyBody?: (body: string) => boolean;
  }
  interface Result {
    latency: Histogram;
    requests: Histogram;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    duration: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
