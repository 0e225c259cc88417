export declare const GZIP_BUDGET_BYTES: number;
export declare function dryRunBundle(outdir?: string): Promise<{ outdir: string; summary: string; rawKiB: number; gzipKiB: number }>;
export declare function zodInstancesAtLoad(bundleFile: string): Promise<number>;
