export declare const WORKER_SOURCE: string;
export declare function foldTemplateLines(source: string): string;
export declare function writeWorkerSource(): number;
