export declare const OPENAPI_ASSET: string;
export declare function openApiJson(): Promise<string>;
export declare function writeOpenApiAsset(): Promise<boolean>;
