export declare const PROJECT_ROOT: string;

export interface PackedList {
	/** Paths inside the tarball, relative to its package/ folder, sorted. */
	files: string[];
	entryCount: number;
	size: number;
	unpackedSize: number;
}

/** `npm pack --dry-run --json` of the project as it is on disk (build first). */
export declare function packDryRun(): PackedList;
/** Packs the project for real and unpacks it into a new scratch folder; returns that folder. */
export declare function packAndUnpack(): string;
/** Removes a folder made by packAndUnpack. */
export declare function removeScratch(dir: string): void;
/** Every file under a project folder, as project-relative POSIX paths, sorted. */
export declare function listProjectFiles(relativeDir: string): string[];
export declare function readProjectFile(relativePath: string): string;
/** Runs scripts/scan-package.js with `args`. */
export declare function runScan(args: string[]): { code: number | null; output: string };
export declare function editJson(file: string, edit: (data: Record<string, unknown>) => void): void;
export declare function appendText(file: string, text: string): void;
