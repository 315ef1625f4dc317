import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeType,
	IRun,
	ITaskData,
} from 'n8n-workflow';

/** A tool as the model is shown it (OpenAI's function format, as LangChain sends it). */
export interface ToolAsSeen {
	name: string;
	description: string;
	parameters: {
		type: 'object';
		properties: Record<string, { type: string; description?: string }>;
		required?: string[];
	};
}

export interface AgentToolOptions {
	/** Parameters of the HighLevel Voice AI Tool node. */
	parameters: Record<string, unknown>;
	credentials: ICredentialDataDecryptedObject;
	/** The arguments of each tool call the model makes (empty: the agent only lists its tools). */
	toolCalls: Array<Record<string, unknown>>;
	/**
	 * 'engine' (n8n 2.41's AI Agent: an engine request run by WorkflowExecute, the default) or
	 * 'invoke' (the LangChain tool invoked directly, as the MCP Server Trigger does).
	 */
	callStyle?: 'engine' | 'invoke';
	/** The tool node's name (n8n derives the tool's name from it). */
	toolName?: string;
	onError?: INode['onError'];
}

export interface AgentToolResult {
	run: IRun;
	tools: ToolAsSeen[];
	/** 'engine': what the model reads back for each call, as n8n 2.41's agent builds it. */
	observations: string[];
	/** 'invoke': the tool's answer, or the message it threw, for each call. */
	answers: Array<{ answer?: string; thrown?: string }>;
	/** The tool node's runs (one per call with 'engine'). */
	toolRuns: ITaskData[];
	/** What failed the whole run, if anything. */
	error?: Error;
}

export declare const TOOL_NODE_TYPE: string;
export declare const TOOL_NODE_NAME: string;
export declare function toolVariant(nodeType: INodeType): INodeType;
export declare function runAgentTool(options: AgentToolOptions): Promise<AgentToolResult>;
