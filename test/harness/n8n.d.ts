import type { PackageDirectoryLoader } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeTypes,
	IRun,
	IWebhookResponseData,
	NodeExecutionHint,
	WorkflowExecuteMode,
} from 'n8n-workflow';

export declare const PACKAGE_ROOT: string;
export declare const PACKAGE_NAME: string;
export declare const NODE_TYPE: string;
export declare const CREDENTIAL_TYPE: string;
export declare const WEBHOOK_TRIGGER_TYPE: string;

export interface LoadedPackage {
	loader: PackageDirectoryLoader;
	nodeTypes: INodeTypes;
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
}

export interface NodeRunError extends Error {
	description?: string | null;
	httpCode?: string | null;
	context?: IDataObject;
}

export interface RunResult {
	run: IRun;
	/** What the node emitted on its main output (empty when it failed). */
	items: INodeExecutionData[];
	/** Execution hints the node added (shown in n8n's output panel). */
	hints: NodeExecutionHint[];
	/** The error that stopped the node, if any. */
	error?: NodeRunError;
}

export declare function loadPackage(): Promise<LoadedPackage>;
export declare function runNode(options: RunOptions): Promise<RunResult>;

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
