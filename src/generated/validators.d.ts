export declare const validateHookInput: ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
export declare const validateConfig: ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
export declare const validateDigest: ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
