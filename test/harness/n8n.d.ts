import type { PackageDirectoryLoader } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeTypes,
	IRun,
	IWebhookResponseData,
	NodeExecutionHint,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

export declare const PACKAGE_ROOT: string;
export declare const PACKAGE_NAME: string;
export declare const NODE_TYPE: string;
export declare const TRIGGER_NODE_TYPE: string;
export declare const CREDENTIAL_TYPE: string;
export declare const OAUTH2_CREDENTIAL_TYPE: string;
export declare const WEBHOOK_TRIGGER_TYPE: string;

export interface LoadedPackage {
	loader: PackageDirectoryLoader;
	nodeTypes: INodeTypes;
	credentialTypes: Record<string, ICredentialType>;
	credentialType: ICredentialType;
}

export interface RunOptions {
	/** Parameters of the HighLevel Voice AI node. */
	parameters: Record<string, unknown>;
	/** The JSON of the items that reach the node (default: one empty item). */
	input?: Array<Record<string, unknown>>;
	credentials: ICredentialDataDecryptedObject;
	/** n8n's "On Error" setting: 'continueRegularOutput' is "Continue On Fail". */
	onError?: INode['onError'];
	/** Run another node type instead, e.g. 'credentialTest' (the credential's test request). */
	nodeType?: string;
	/** The credential type the node uses (default: the Private Integration Token one). */
	credentialType?: string;
	/** The node's typeVersion (default 1, as workflows saved before version 1.1 hold it). */
	typeVersion?: number;
}

export interface NodeRunError extends Error {
	description?: string | null;
	httpCode?: string | null;
	context?: IDataObject;
}

export interface RunResult {
	run: IRun;
	/** The credential's data after the run (OAuth2 token data renewed by n8n-core lands here). */
	credentials: ICredentialDataDecryptedObject;
	/** How often n8n-core stored renewed OAuth2 token data. */
	tokenUpdates: number;
	/** What the node emitted on its main output (empty when it failed). */
	items: INodeExecutionData[];
	/** Execution hints the node added (shown in n8n's output panel). */
	hints: NodeExecutionHint[];
	/** The error that stopped the node, if any. */
	error?: NodeRunError;
}

export declare function loadPackage(): Promise<LoadedPackage>;
export declare function runNode(options: RunOptions): Promise<RunResult>;

export interface PollOptions {
	/** Parameters of the HighLevel Voice AI Trigger node (defaults are filled in as n8n does). */
	parameters?: Record<string, unknown>;
	credentials: ICredentialDataDecryptedObject;
	/** The credential type the trigger uses (default: the Private Integration Token one). */
	credentialType?: string;
	/**
	 * The workflow's static data, shared by the polls of one test: each poll stores the node's
	 * part back (as `node:<name>`) when it returns, and leaves it alone when it throws.
	 */
	staticData?: IDataObject;
	/** 'trigger' (an active workflow's poll, the default) or 'manual' ("Fetch Test Event"). */
	mode?: 'trigger' | 'manual';
	/** What `getActivationMode()` answers (default 'trigger', or 'manual' in manual mode). */
	activation?: WorkflowActivateMode;
	/**
	 * What `getPollBudgetMs()` answers (n8n-core's default is 5 minutes); 'absent' removes the
	 * method, as on n8n before 2.38.
	 */
	pollBudgetMs?: number | 'absent';
	/** The node's typeVersion (default 1, as workflows saved before version 1.1 hold it). */
	typeVersion?: number;
}

export interface PollResult {
	/** What `poll()` returned; null when it returned null or threw. */
	result: INodeExecutionData[][] | null;
	/** The items of the first output (empty when there are none). */
	items: INodeExecutionData[];
	/** What `poll()` threw, if anything. */
	error?: NodeRunError;
	staticData: IDataObject;
	/** The node's static data after the poll (as stored). */
	nodeStaticData?: IDataObject;
	/** How often the node asked for its static data. */
	staticDataReads: number;
}

export declare function runPoll(options: PollOptions): Promise<PollResult>;
/** Where a webhook trigger's static data is kept between requests, as JSON (as n8n's database keeps it). */
export interface StaticDataStore {
	json?: string;
}

export interface WebhookTriggerOptions {
	/** Parameters of the webhook trigger node. */
	parameters?: Record<string, unknown>;
	/** The same store across calls persists the node's static data, as n8n does. */
	staticData?: StaticDataStore;
	/** Another node type than the HighLevel Voice AI Webhook Trigger. */
	nodeType?: string;
	/** 'webhook' (production URL, the default) or 'manual' (test URL). */
	mode?: WorkflowExecuteMode;
	/** The node's typeVersion (default 1, as workflows saved before version 1.1 hold it). */
	typeVersion?: number;
}

export interface WebhookRequest extends WebhookTriggerOptions {
	/** The request's bytes as sent; a string is sent as UTF-8. Undefined: no body at all. */
	rawBody?: Buffer | string;
	/** Request headers; undefined values are left out. */
	headers?: Record<string, string | string[] | undefined>;
	/** The Content-Type n8n parses the body by (default application/json; null sends none). */
	contentType?: string | null;
}

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: Record<string, unknown>;
}

export interface WebhookOutcome {
	/** The HTTP status the sender gets. */
	status: number | undefined;
	/** The response body the sender gets, as text. */
	body: string | undefined;
	/** False when n8n answered before the node (unparsable JSON: 422). */
	nodeCalled: boolean;
	/** Whether n8n would start the workflow (the node returned workflowData). */
	executed: boolean;
	/** The trigger's output items (empty when nothing is started). */
	items: INodeExecutionData[];
	/** What the node logged through n8n's logger. */
	logs: LogLine[];
	/** Whether n8n would save the node's static data after this request. */
	staticDataSaved: boolean;
	/** What webhook() threw (n8n then answers 500). */
	error?: NodeRunError;
	result?: IWebhookResponseData;
	response?: { statusCode: number; headers: Record<string, string>; ended: boolean };
}

export interface ActivationOutcome {
	/** Each lifecycle method n8n ran, with what it returned. */
	calls: Array<[string, boolean]>;
	/** The error that fails the activation. */
	error?: NodeRunError;
}

export declare function runWebhook(options: WebhookRequest): Promise<WebhookOutcome>;
export declare function activateWebhook(
	options: WebhookTriggerOptions & { activation?: 'init' | 'activate' | 'update' | 'manual' },
): Promise<ActivationOutcome>;
export declare function deactivateWebhook(options: WebhookTriggerOptions): Promise<boolean>;

export interface ListSearchOptions {
	/** The list search's name, e.g. 'searchAgents'. */
	method: string;
	/** The node's current parameters (what the editor holds while the list is open). */
	parameters?: Record<string, unknown>;
	credentials: ICredentialDataDecryptedObject;
	/** The text typed into the list's search box. */
	filter?: string;
	/** The token the previous page returned. */
	paginationToken?: string;
	/** The parameter the list belongs to (default 'agentId'). */
	parameterPath?: string;
	/** The workflow's timezone (default UTC). */
	timezone?: string;
	nodeType?: string;
	/** The node's typeVersion (default 1, as workflows saved before version 1.1 hold it). */
	typeVersion?: number;
}

export declare function runListSearch(options: ListSearchOptions): Promise<INodeListSearchResult>;
