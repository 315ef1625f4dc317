export interface LogEntry {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: unknown;
	meta?: unknown;
}

/** Routes n8n's and the node's logging into the returned list (for the rest of the test file). */
export declare function captureLogs(): LogEntry[];
