export declare function readRepoFile(relative: string): string | undefined;
export declare function writeRepoFile(relative: string, text: string): void;
export declare const updateDocs: boolean;
