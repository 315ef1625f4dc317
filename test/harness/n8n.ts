/**
 * Runs this package's node through real n8n-core: the built package is loaded by n8n's own
 * PackageDirectoryLoader, credentials are applied by the credential type's real `authenticate`
 * (resolved as n8n resolves it), and workflows run in WorkflowExecute. Nothing in the node's code
 * path is mocked; requests go over HTTP to the sandbox on 127.0.0.1.
 */
import {
	Credentials,
	ExecutionLifecycleHooks,
	PackageDirectoryLoader,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	Workflow as WorkflowType,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PACKAGE_ROOT } = require('./paths') as { PACKAGE_ROOT: string };

export const PACKAGE_NAME = 'n8n-nodes-highlevel-voice-ai';
export const NODE_TYPE = `${PACKAGE_NAME}.highLevelVoiceAi`;
export const CREDENTIAL_TYPE = 'highLevelVoiceAiApi';

/** Emits the items given in its `items` parameter: the tiny trigger every test workflow starts at. */
class TestInput implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Input',
		name: 'testInput',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Test Input' },
		usableAsTool: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}

export interface LoadedPackage {
	loader: PackageDirectoryLoader;
	nodeTypes: INodeTypes;
	credentialType: ICredentialType;
}

let loaded: Promise<LoadedPackage> | undefined;

/** Loads the built package (dist/) exactly as n8n loads an installed community package. */
export async function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		const types: Record<string, INodeType | IVersionedNodeType> = { testInput: new TestInput() };
		for (const [name, data] of Object.entries(loader.nodeTypes))
			types[`${PACKAGE_NAME}.${name}`] = data.type;
		const nodeTypes: INodeTypes = {
			getByName: (type) => types[type],
			getByNameAndVersion: (type, version) =>
				NodeHelpers.getVersionedNodeType(types[type], version),
			getKnownTypes: () => ({}),
		};
		return { loader, nodeTypes, credentialType: loader.credentialTypes[CREDENTIAL_TYPE].type };
	})();
	return await loaded;
}

/**
 * Applies a credential type's generic `authenticate` the way n8n's CredentialsHelper does:
 * every header, query and body entry is an expression resolved against `$credentials`.
 */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialType: ICredentialType,
		private readonly data: ICredentialDataDecryptedObject,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: WorkflowType,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.credentialType.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate || !workflow || !node) return requestOptions;
		const options = requestOptions as unknown as Record<string, IDataObject>;
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			options[target] = { ...(options[target] ?? {}) };
			for (const [key, value] of Object.entries(entries as IDataObject)) {
				options[target][key] = workflow.expression.getSimpleParameterValue(
					node,
					value as string,
					'internal',
					{ $credentials: credentials },
					undefined,
					value as string,
				) as string;
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		return new Credentials({ id: null, name: '' }, '', '');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return this.credentialType.properties;
	}
}

export interface RunOptions {
	/** Parameters of the HighLevel Voice AI node. */
	parameters: IDataObject;
	/** The JSON of the items that reach the node. */
	input?: IDataObject[];
	credentials: ICredentialDataDecryptedObject;
	/** n8n's "On Error" setting: 'continueRegularOutput' is "Continue On Fail". */
	onError?: INode['onError'];
}

export interface RunResult {
	run: IRun;
	/** What the node emitted on its main output (empty when it failed). */
	items: INodeExecutionData[];
	/** The error that stopped the node, if any. */
	error?: Error & { description?: string | null; httpCode?: string | null; context?: IDataObject };
}

/** Runs `Test Input → HighLevel Voice AI` in WorkflowExecute and returns what the node did. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const { nodeTypes, credentialType } = await loadPackage();
	const input: INode = {
		id: 'input',
		name: 'Input',
		type: 'testInput',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(options.input ?? [{}]) },
	};
	const node: INode = {
		id: 'voice-ai',
		name: 'HighLevel Voice AI',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'HighLevel Voice AI account' } },
		...(options.onError && { onError: options.onError }),
	};
	const workflow = new Workflow({
		id: 'test',
		nodes: [input, node],
		connections: {
			Input: { main: [[{ node: node.name, type: NodeConnectionTypes.Main, index: 0 }]] },
		},
		active: false,
		nodeTypes,
		settings: {},
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test',
		name: 'test',
		active: false,
		nodes: [input, node],
		connections: workflow.connectionsBySourceNode,
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);
	const done = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run));
	});
	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentialType, options.credentials),
		variables: {},
		executionId: 'test-execution',
		restApiUrl: 'http://127.0.0.1',
		instanceBaseUrl: 'http://127.0.0.1',
		webhookBaseUrl: 'http://127.0.0.1',
		webhookWaitingBaseUrl: 'http://127.0.0.1',
		webhookTestBaseUrl: 'http://127.0.0.1',
		formWaitingBaseUrl: 'http://127.0.0.1',
		currentNodeParameters: undefined,
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: input, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(
		workflow,
	);
	const run = await done;
	const nodeRun = run.data.resultData.runData[node.name]?.[0];
	return {
		run,
		items: nodeRun?.data?.main?.[0] ?? [],
		error: (nodeRun?.error ?? run.data.resultData.error) as RunResult['error'],
	};
}
