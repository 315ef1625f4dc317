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
	NodeExecutionHint,
} from 'n8n-workflow';

export declare const PACKAGE_ROOT: string;
export declare const PACKAGE_NAME: string;
export declare const NODE_TYPE: string;
export declare const CREDENTIAL_TYPE: string;

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
}

export declare function runListSearch(options: ListSearchOptions): Promise<INodeListSearchResult>;
