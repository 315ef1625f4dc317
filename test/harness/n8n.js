'use strict';
/**
 * Runs this package's node through real n8n-core: the built package (dist/) is loaded by n8n's
 * own PackageDirectoryLoader, credentials are applied by the credential type's real
 * `authenticate` (resolved as n8n's CredentialsHelper resolves it), and workflows run in
 * WorkflowExecute. Nothing in the node's code path is mocked; requests go over HTTP to the
 * sandbox on 127.0.0.1. Plain JS so that tests, the benchmark and scripts share it.
 */
const path = require('path');
const {
	Credentials,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	WorkflowExecute,
} = require('n8n-core');
const {
	createRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
} = require('n8n-workflow');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-highlevel-voice-ai';
const NODE_TYPE = `${PACKAGE_NAME}.highLevelVoiceAi`;
const CREDENTIAL_TYPE = 'highLevelVoiceAiApi';

/** Emits the items given in its `items` parameter: the tiny trigger every test workflow starts at. */
class TestInput {
	constructor() {
		this.description = {
			displayName: 'Test Input',
			name: 'testInput',
			group: ['input'],
			version: 1,
			description: 'Emits fixed items',
			defaults: { name: 'Test Input' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
		};
	}

	async execute() {
		const raw = this.getNodeParameter('items', 0);
		const items = typeof raw === 'string' ? JSON.parse(raw) : raw;
		return [items.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}

/**
 * What n8n's CredentialsTester runs for the "Test credential" button: a declarative node whose
 * only routing is the credential's `test.request`, executed by n8n-core's RoutingNode.
 */
function credentialTestNode(credentialType) {
	return {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['input'],
			version: 1,
			description: 'Runs the credential test request',
			defaults: { name: 'Credential Test' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: credentialType.test.request },
				},
			],
		},
	};
}

let loaded;

/** Loads the built package exactly as n8n loads an installed community package. */
async function loadPackage() {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		const types = { testInput: new TestInput() };
		for (const [name, data] of Object.entries(loader.nodeTypes))
			types[`${PACKAGE_NAME}.${name}`] = data.type;
		types.credentialTest = credentialTestNode(loader.credentialTypes[CREDENTIAL_TYPE].type);
		const nodeTypes = {
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
 * Applies a credential type's generic `authenticate` the way n8n's CredentialsHelper does: every
 * header, query and body entry is an expression resolved against `$credentials`.
 */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(credentialType, data) {
		super();
		this.credentialType = credentialType;
		this.data = data;
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async authenticate(credentials, _typeName, requestOptions, workflow, node) {
		const { authenticate } = this.credentialType;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate || !workflow || !node) return requestOptions;
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			requestOptions[target] = { ...(requestOptions[target] || {}) };
			for (const [key, value] of Object.entries(entries)) {
				requestOptions[target][key] = workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					value,
				);
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

	async getCredentials() {
		return new Credentials({ id: null, name: '' }, '', '');
	}

	async getDecrypted() {
		return { ...this.data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return this.credentialType.properties;
	}
}

/** Runs `Test Input → HighLevel Voice AI` in WorkflowExecute and returns what the node did. */
async function runNode(options) {
	const { nodeTypes, credentialType } = await loadPackage();
	const input = {
		id: 'input',
		name: 'Input',
		type: 'testInput',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(options.input || [{}]) },
	};
	const node = {
		id: 'voice-ai',
		name: 'HighLevel Voice AI',
		type: options.nodeType || NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: options.parameters,
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
	});
	const done = new Promise((resolve) =>
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)),
	);
	const baseUrl = 'http://127.0.0.1';
	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentialType, options.credentials),
		variables: {},
		executionId: 'test-execution',
		restApiUrl: baseUrl,
		instanceBaseUrl: baseUrl,
		webhookBaseUrl: baseUrl,
		webhookWaitingBaseUrl: baseUrl,
		webhookTestBaseUrl: baseUrl,
		formWaitingBaseUrl: baseUrl,
		userId: 'test-user',
	};
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
		items: nodeRun?.data?.main?.[0] || [],
		hints: nodeRun?.hints || [],
		error: nodeRun?.error || run.data.resultData.error,
	};
}

/**
 * Calls one of the node's list searches (a resource locator's "From List") the way n8n's editor
 * does: n8n-core's LoadOptionsContext over a one-node workflow holding the node's current
 * parameters, with the credential applied by its real `authenticate`.
 */
async function runListSearch(options) {
	const { nodeTypes, credentialType } = await loadPackage();
	const parameters = options.parameters || {};
	const node = {
		id: 'voice-ai',
		name: 'HighLevel Voice AI',
		type: options.nodeType || NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'HighLevel Voice AI account' } },
	};
	const workflow = new Workflow({
		id: 'list-search',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { timezone: options.timezone || 'UTC' },
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(credentialType, options.credentials),
		currentNodeParameters: parameters,
		variables: {},
		restApiUrl: 'http://127.0.0.1',
		instanceBaseUrl: 'http://127.0.0.1',
		userId: 'test-user',
	};
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalData,
		`parameters.${options.parameterPath || 'agentId'}`,
	);
	const search = nodeTypes.getByNameAndVersion(node.type, 1).methods?.listSearch?.[options.method];
	if (typeof search !== 'function') throw new Error(`The node has no list search "${options.method}"`);
	return await search.call(context, options.filter, options.paginationToken);
}

module.exports = {
	loadPackage,
	runNode,
	runListSearch,
	PACKAGE_ROOT,
	PACKAGE_NAME,
	NODE_TYPE,
	CREDENTIAL_TYPE,
};
