/** Types for the hostile HighLevel (plain JS so it can use http, zlib, timers and async_hooks). */

/** Where a 3xx points: `none` sends no Location at all. */
export type RedirectTarget =
	| 'otherOrigin'
	| 'https'
	| 'sameUrl'
	| 'elsewhereSameOrigin'
	| 'malformed'
	| 'none';

/** What an error body repeats of the request's credential. */
export type Echo = 'none' | 'authorization' | 'longAuthorization' | 'urlEncoded' | 'base64';

/** Shapes of a text that looks like a URL query; the `open…` ones are slow for naive regexes. */
export type UrlQueryShape = 'pairs' | 'equalsRun' | 'openNames' | 'openSemicolons';

/**
 * The entries a list endpoint has: `available` of them (ids list-call-0 … or list-agent-0 …),
 * served page by page.
 * `total` is what every page claims (`undefined` leaves the key out; any JSON value otherwise).
 * `repeat`: every page is page 1. `emptyFrom`: pages from `emptyFrom` on are empty. `junk`: every
 * fifth entry is not a call log (null, a number, text, an object without id, a list).
 */
export interface PageListing {
	/** What the list holds: call logs (`callLogs`, the default) or agents (`agents`). */
	entity?: 'callLog' | 'agent';
	/** How agents name their id (default `id`). */
	idKey?: 'id' | '_id';
	/** Call logs only: the first one's createdAt (epoch ms), each next one a second later. */
	createdFrom?: number;
	total?: unknown;
	available: number;
	mode: 'honest' | 'repeat' | 'emptyFrom';
	emptyFrom?: number;
	junk?: boolean;
}

export type BodySpec =
	/** A call log; its id is the one requested unless `id` says otherwise. */
	| { kind: 'callLog'; id?: string; overrides?: Record<string, unknown>; actionCount?: number }
	/**
	 * An agent (with two actions) or an SMS agent action; its id is the one in the path, else
	 * `created-<name sent>`, unless `id` says otherwise; under `idKey` (default `id`).
	 */
	| {
			kind: 'agent' | 'agentAction';
			id?: string;
			idKey?: 'id' | '_id';
			overrides?: Record<string, unknown>;
	  }
	/** `bytes` of WAV-looking audio, as `contentType` (default audio/x-wav; null sends none). */
	| { kind: 'recording'; bytes?: number; contentType?: string | null }
	/** A page of `listing`, for the page and pageSize the request asked. */
	| { kind: 'page'; listing: PageListing }
	/** NestJS-style `{ statusCode, message, error, traceId }`; `list` makes message a list. */
	| { kind: 'nestError'; text?: string; error?: string; list?: boolean; echo?: Echo }
	| { kind: 'empty' }
	| { kind: 'html'; echo?: Echo }
	| { kind: 'text'; echo?: Echo }
	/** Half a call log; with `lyingLength` the Content-Length claims all of it and the server closes early. */
	| { kind: 'truncated'; lyingLength: boolean }
	/** Any JSON value (a list, a number, null, text, an object of another shape). */
	| { kind: 'json'; value: unknown }
	/** `depth` levels of nesting: the whole body (`root`) or a call log's extractedData (`field`). */
	| { kind: 'nested'; depth: number; where: 'root' | 'field' }
	/** A call log whose summary and extractedData.note are `bytes` characters shaped like a URL query. */
	| { kind: 'urlQuery'; bytes: number; shape: UrlQueryShape; actionCount?: number }
	/** A call log whose transcript is `bytes` letters. */
	| { kind: 'large'; bytes: number }
	/** A call log, gzip-compressed, whose transcript inflates to about `inflatedBytes` letters. */
	| { kind: 'gzipBomb'; inflatedBytes: number };

export interface Timing {
	/** Wait this long before sending the status line and headers. */
	delayMs?: number;
	/** Send the body one byte every `trickleMs`. */
	trickleMs?: number;
	/** Never answer (the connection stays open until the draw ends). */
	hang?: boolean;
	/** Close the connection before the headers, or halfway through the body. */
	reset?: 'beforeHeaders' | 'midBody';
}

export interface ResponseSpec {
	status: number;
	/** Extra headers; a list sends the header once per value (duplicated headers). */
	headers?: Record<string, string | string[]>;
	/** For a 3xx: where Location points. */
	redirectTo?: RedirectTarget;
	body?: BodySpec;
	/** `gzip`: compressed correctly; `wrongGzip` / `wrongBr` / `unknown`: the header lies. */
	encoding?: 'gzip' | 'wrongGzip' | 'wrongBr' | 'unknown';
	timing?: Timing;
}

/** What a request is about, by its path. */
export type HostileResource =
	| 'callLog'
	| 'callLogList'
	| 'agent'
	| 'agentList'
	| 'agentAction'
	| 'agentActionList'
	| 'recording'
	| 'other';

export interface HostileRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	resource: HostileResource;
	/** The id in the path: a call log's, an agent's, an action's, a recording's messageId. */
	id?: string;
	/** The request body as text, when it had one (the first MB). */
	body?: string;
	/** The request body parsed, when it was JSON. */
	json?: unknown;
	/** What the plan answered it with. */
	spec?: ResponseSpec;
	/** When the status line was sent; absent when none was (a reset, a hang, a run ended first). */
	answeredAt?: number;
	page?: number;
	pageSize?: number;
	at: number;
	/** Its place among the requests the server received since the plan was set. */
	index: number;
	/** The status the plan answered it with. */
	status?: number;
}

export type Plan = ResponseSpec[] | ((request: HostileRequest) => ResponseSpec);

export interface OtherOrigin {
	url: string;
	port: number;
	/** `127.0.0.1:<port>` */
	host: string;
	/** Every HTTP request it received since the plan was set. */
	requests: HostileRequest[];
	/** Connections it accepted, HTTP or not (a TLS hello counts). */
	readonly connections: number;
}

export interface Hostile {
	url: string;
	port: number;
	host: string;
	/** Every request the hostile server received since the plan was set. */
	requests: HostileRequest[];
	other: OtherOrigin;
	/** Sets the plan and forgets what both servers recorded. */
	setPlan(plan: Plan): void;
	/** Destroys every connection of both servers and stops every slow delivery. */
	destroyConnections(): void;
	close(): Promise<void>;
}

export interface BoundedOutcome<T> {
	/** Whether the run settled before the bound passed. */
	ended: boolean;
	value?: T;
	thrown?: unknown;
	elapsedMs: number;
}

export declare function startHostile(options?: { token?: string }): Promise<Hostile>;
export declare function perKey(
	keyOf: (request: HostileRequest) => string | number | undefined,
	table: Record<string, ResponseSpec[]>,
	fallback: ResponseSpec | ((request: HostileRequest) => ResponseSpec),
): (request: HostileRequest) => ResponseSpec;
export declare function runBounded<T>(
	work: () => Promise<T>,
	boundMs: number,
	onBound?: () => void,
): Promise<BoundedOutcome<T>>;
export declare function replayDraw(): number | undefined;
/** With HOSTILE_REPORT=<file>: appends each failure to it as a JSON line. */
export declare function reportFailures(property: string, failures: object[]): void;
export declare function secretForms(token: string): string[];
export declare function callLog(
	id: string,
	overrides?: Record<string, unknown>,
	actionCount?: number,
): Record<string, unknown>;
export declare function agent(
	id: string,
	idKey?: 'id' | '_id',
	overrides?: Record<string, unknown>,
): Record<string, unknown>;
export declare function agentAction(
	id: string,
	idKey?: 'id' | '_id',
	overrides?: Record<string, unknown>,
): Record<string, unknown>;
/** The messageId of the call log served for `callId` (its recording is kept under it). */
export declare function messageIdOf(callId: string): string;
export declare function listCallId(index: number): string;
export declare function listAgentId(index: number): string;
export declare function urlQueryText(shape: UrlQueryShape, length: number): string;
export declare const OTHER_ORIGIN_MARKER: string;
export declare const LOCATION_QUERY_MARKER: string;
export declare const SANE_RATE_LIMIT_HEADERS: Record<string, string>;
export declare const LIST_PATH: string;
export declare const AGENTS_PATH: string;
export declare const ACTIONS_PATH: string;

/** Builds (and caches) a gzip bomb's compressed body ahead of a run, so serving it is instant. */
export declare function prepareGzipBomb(inflatedBytes: number): Promise<Buffer>;
