/** Types for the sandbox server (plain JS so it can use Node's `http`, timers and `process`). */
export interface SandboxOptions {
	host?: string;
	port?: number;
	token?: string;
	/** Tokens that authenticate but hold no Voice AI scope at all. */
	tokensWithoutScope?: string[];
	/** Tokens that hold only the scopes listed (the main token holds every scope). */
	tokenScopes?: Record<string, string[]>;
	/** Refuse a CALL_TRANSFER without `transferBotType` ("Default" or "Custom"), as HighLevel did live. */
	requireTransferBotType?: boolean;
	/** The id key of a created agent's answer (`id` by default; live reports saw `_id` too). */
	createdAgentIdKey?: 'id' | '_id';
	latencyMs?: number;
	rateLimit?: { max?: number; intervalMs?: number; daily?: number };
	notFoundStatus?: 400 | 404;
	/** How a message without a recording is answered: 404 (default) or 400 "No recording found …". */
	recordingNotFoundStatus?: 400 | 404;
	recordRequests?: boolean;
	/** Options for the generated data set (see data.js). */
	data?: {
		count?: number;
		seed?: number;
		days?: number;
		longTranscriptEvery?: number;
		/** Agents in the location (default 4); more than 50 make the agent list page. */
		agentCount?: number;
	};
	/** `Retry-After` (seconds) on scripted burst 429s. */
	faultRetryAfter?: number;
	/**
	 * Requests of another worker or app that the next request finds in the burst window, counted
	 * just before it arrives (once; as many as the window holds). With the whole limit, that request
	 * is refused with a real window-full 429, not a scripted one.
	 */
	foreignRequests?: number;
	dataset?: SandboxDataset;
	oauthApp?: { clientId?: string; clientSecret?: string; refreshToken?: string };
	/** HighLevel's clock (epoch ms) for calls added with a `visibleAt`; `Date.now` by default. */
	clock?: () => number;
	/** Adds a new call (created now) every this many milliseconds, for polling-trigger demos. */
	liveFeedMs?: number;
}

/** An agent action as the sandbox stores it: HighLevel's shape plus the agent it belongs to. */
export interface SandboxAction extends Record<string, unknown> {
	id: string;
	agentId: string;
	actionType: string;
	name: string;
	actionParameters: Record<string, unknown>;
}

export interface SandboxDataset {
	locationId: string;
	/** Agents in HighLevel's full shape (with `id`, without `actions`). */
	agents: Array<Record<string, unknown> & { id: string; agentName: string }>;
	actions?: SandboxAction[];
	callLogs: Array<Record<string, unknown> & { id: string }>;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	/** The parsed JSON body of a POST, PUT or PATCH (the raw text if it was not JSON). */
	body?: unknown;
	at: number;
}

export interface SandboxStats {
	total: number;
	ok: number;
	status429: number;
	byStatus: Record<string, number>;
	maxInWindow: number;
	/** Requests open right now, and the most open at once since the last reset. */
	inFlight: number;
	maxInFlight: number;
}

export interface SandboxOAuth {
	config: { clientId: string; clientSecret: string; refreshToken: string };
	isValidAccessToken(token: string): boolean;
	issueAccessToken(token: string): void;
	expireAccessTokens(): void;
	revokeRefreshTokens(): void;
	readonly tokenRequests: Array<Record<string, string | undefined>>;
	reset(): void;
}

export interface Sandbox {
	url: string;
	/** The sandbox Marketplace app's OAuth2 token endpoint and the access tokens it issued. */
	oauth: SandboxOAuth;
	port: number;
	token: string;
	locationId: string;
	dataset: SandboxDataset;
	requests: RecordedRequest[];
	stats: SandboxStats;
	/**
	 * Queues behaviours for a call id, e.g. script('abc', ['status:503', 'ok']); 'slow:<ms>' answers
	 * normally after extra latency. Agent and action requests take a route key
	 * ("POST /voice-ai/agents", "PUT /voice-ai/actions/<id>") or the id in their path; there,
	 * "applied-<step>" (e.g. "applied-reset") applies the change and then fails. A recording takes
	 * its message id.
	 */
	script(key: string, steps: string[]): void;
	/** The agents and the actions as they are now. */
	agents(): Array<Record<string, unknown> & { id: string; agentName: string }>;
	actions(): SandboxAction[];
	/**
	 * Empties the recorded requests and counters, removes calls added with `addCallLog`, restores
	 * the data set's agents and actions and drops every scripted fault.
	 */
	reset(): void;
	/**
	 * Adds a call log to the data set. With `visibleAt` (on the `clock`), the list endpoint leaves it
	 * out until then, as HighLevel does with logs written late; fetching it by id works at once.
	 */
	addCallLog(
		call: Record<string, unknown> & { id: string },
		options?: { visibleAt?: number },
	): void;
	setRateLimit(limits: { max?: number; intervalMs?: number; daily?: number }): void;
	setOption(name: string, value: unknown): void;
	close(): Promise<void>;
}

export declare const BUILT_IN_FAULTS: Record<string, string[]>;
/** Call ids whose recording misbehaves ('missing', 'huge', 'json', 'untyped'); each is its messageId. */
export declare const RECORDING_FAULTS: Record<string, string>;
/** The size the huge recording announces. */
export declare const HUGE_RECORDING_BYTES: number;
/** The WAV the sandbox serves as the recording of a message. */
export declare function recordingWav(messageId: string): Buffer;
/** The `script` key for the call-log list endpoint, e.g. script(CALL_LOG_LIST, ['status:503', 'ok']). */
export declare const CALL_LOG_LIST: string;
export declare const ALL_SCOPES: string[];
export declare const LANGUAGES: string[];
export declare function startSandbox(options?: SandboxOptions): Promise<Sandbox>;
