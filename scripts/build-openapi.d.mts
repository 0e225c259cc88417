export declare const OPENAPI_ASSET: string;
export declare const DOCS_ASSET: string;
export declare const HEADERS_ASSET: string;
export declare function openApiJson(): Promise<string>;
export declare function writeOpenApiAsset(): Promise<boolean>;
