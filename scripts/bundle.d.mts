export declare const GZIP_BUDGET_BYTES: number;
export declare function dryRunBundle(outdir?: string): Promise<{ outdir: string; summary: string; rawKiB: number; gzipKiB: number }>;
export declare function zodAtLoad(bundleFile: string): Promise<{ instances: number; classes: number }>;
