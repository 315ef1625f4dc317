/** Typed access to the sandbox (a .js file, so the community lint's TS rules do not apply to it). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sandboxModule = require('../../sandbox/server') as {
	startSandbox: (options?: SandboxOptions) => Promise<Sandbox>;
};

export interface SandboxOptions {
	latencyMs?: number;
	rateLimit?: { max?: number; intervalMs?: number; daily?: number };
	notFoundStatus?: 400 | 404;
	data?: { count?: number; seed?: number };
	faultRetryAfter?: number;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	at: number;
}

export interface Sandbox {
	url: string;
	token: string;
	locationId: string;
	requests: RecordedRequest[];
	stats: {
		total: number;
		ok: number;
		status429: number;
		byStatus: Record<string, number>;
		maxInWindow: number;
	};
	dataset: { callLogs: Array<Record<string, unknown>>; agents: Array<Record<string, unknown>> };
	script(callId: string, steps: string[]): void;
	reset(): void;
	setRateLimit(limits: { max?: number; intervalMs?: number; daily?: number }): void;
	setOption(name: string, value: unknown): void;
	close(): Promise<void>;
}

export const startSandbox = sandboxModule.startSandbox;

/** The credential a test uses against a sandbox, with any field overridden. */
export function credentialsFor(sandbox: Sandbox, overrides: Record<string, unknown> = {}) {
	return {
		token: sandbox.token,
		locationId: sandbox.locationId,
		apiVersion: '2021-04-15',
		baseUrl: sandbox.url,
		...overrides,
	};
}
