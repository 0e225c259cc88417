export declare const GZIP_BUDGET_BYTES: number;
export declare function dryRunBundle(outdir?: string): Promise<{ outdir: string; summary: string; rawKiB: number; gzipKiB: number }>;
export declare function zodAtLoad(bundleFile: string): Promise<{ instances: number; classes: number }>;
export declare function documentationProbes(document: unknown): string[];
export declare function documentationIn(code: string, inputs: string[], document: unknown): { texts: string[]; modules: string[] };
export declare function documentationInBundle(outdir: string): Promise<{ texts: string[]; modules: string[]; probes: number; control: { texts: string[]; modules: string[] } }>;
