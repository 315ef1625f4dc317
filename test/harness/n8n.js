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
	PackageDirectoryLoader,
	PollContext,
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
const OAUTH2_CREDENTIAL_TYPE = 'highLevelVoiceAiOAuth2Api';

/**
 * The fields of n8n's own `oAuth2Api` credential (in n8n-nodes-base, not a dependency here) that
 * a credential extending it inherits; the package's credential overrides most of them.
 */
const OAUTH2_API_PROPERTIES = [
	{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
	{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '' },
	{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
	{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
	{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', default: '' },
	{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
	{
		displayName: 'Auth URI Query Parameters',
		name: 'authQueryParameters',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'Body', value: 'body' },
			{ name: 'Header', value: 'header' },
		],
		default: 'header',
	},
];

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
		const credentialTypes = Object.fromEntries(
			Object.entries(loader.credentialTypes).map(([name, data]) => [name, data.type]),
		);
		const nodeTypes = {
			getByName: (type) => types[type],
			getByNameAndVersion: (type, version) =>
				NodeHelpers.getVersionedNodeType(types[type], version),
			getKnownTypes: () => ({}),
		};
		return {
			loader,
			nodeTypes,
			credentialTypes,
			credentialType: loader.credentialTypes[CREDENTIAL_TYPE].type,
		};
	})();
	return await loaded;
}

/**
 * Stands in for n8n's CredentialsHelper, doing what the real one does with a credential's data:
 * - `getDecrypted` keeps only the fields the type displays for that data, with the type's defaults
 *   (n8n's NodeHelpers.getNodeParameters, as applyDefaultsAndOverwrites does), then resolves
 *   `={{ … }}` values with `$self` (e.g. the OAuth2 token URL built from the Base URL);
 * - `authenticate` applies a generic `authenticate` (each entry an expression on `$credentials`);
 * - `getParentTypes` follows `extends`, so n8n-core's real OAuth2 signing and token renewal run for
 *   the OAuth2 credential; renewed token data is kept (`updateCredentialsOauthTokenData`).
 */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(credentialTypes, dataByType, nodeTypes) {
		super();
		this.credentialTypes = credentialTypes;
		this.dataByType = dataByType;
		this.nodeTypes = nodeTypes;
		/** How often n8n-core stored renewed OAuth2 token data. */
		this.tokenUpdates = 0;
	}

	getParentTypes(typeName) {
		const parents = this.credentialTypes[typeName]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode() {
		return true;
	}

	propertiesOf(typeName) {
		const type = this.credentialTypes[typeName];
		const own = type?.properties ?? [];
		const inherited = this.getParentTypes(typeName).includes('oAuth2Api')
			? OAUTH2_API_PROPERTIES
			: [];
		const names = new Set(own.map((property) => property.name));
		return [...inherited.filter((property) => !names.has(property.name)), ...own];
	}

	resolveExpressions(data) {
		const workflow = new Workflow({
			id: 'credentials',
			nodes: [
				{
					id: 'c',
					name: 'Credentials',
					type: 'testInput',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
			],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
		});
		const node = workflow.getNode('Credentials');
		const resolved = { ...data };
		for (const [key, value] of Object.entries(resolved)) {
			if (typeof value === 'string' && value.startsWith('=')) {
				resolved[key] = workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $self: data },
					undefined,
					value,
				);
			}
		}
		return resolved;
	}

	authenticateAs(typeName) {
		return this.credentialTypes[typeName]?.authenticate;
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const authenticate = this.authenticateAs(typeName);
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

	async getDecrypted(_additionalData, _nodeCredentials, typeName) {
		const stored = this.dataByType[typeName] ?? {};
		const displayed = NodeHelpers.getNodeParameters(
			this.propertiesOf(typeName),
			stored,
			true,
			false,
			null,
			null,
		);
		const data = this.resolveExpressions(displayed ?? {});
		if (stored.oauthTokenData !== undefined) data.oauthTokenData = { ...stored.oauthTokenData };
		return data;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData(_nodeCredentials, typeName, data) {
		this.tokenUpdates++;
		this.dataByType[typeName] = {
			...this.dataByType[typeName],
			oauthTokenData: data.oauthTokenData,
		};
	}

	getCredentialsProperties(typeName) {
		return this.propertiesOf(typeName);
	}
}

/** Runs `Test Input → HighLevel Voice AI` in WorkflowExecute and returns what the node did. */
async function runNode(options) {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const credentialType = options.credentialType || CREDENTIAL_TYPE;
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
		credentials: { [credentialType]: { id: '1', name: 'HighLevel Voice AI account' } },
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
	const credentialsHelper = new TestCredentialsHelper(
		credentialTypes,
		{ [credentialType]: options.credentials },
		nodeTypes,
	);
	const additionalData = {
		hooks,
		credentialsHelper,
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
		credentials: credentialsHelper.dataByType[credentialType],
		tokenUpdates: credentialsHelper.tokenUpdates,
		items: nodeRun?.data?.main?.[0] || [],
		hints: nodeRun?.hints || [],
		error: nodeRun?.error || run.data.resultData.error,
	};
}

const TRIGGER_NODE_TYPE = `${PACKAGE_NAME}.highLevelVoiceAiTrigger`;

/**
 * Runs one poll of the polling trigger as n8n does: a PollContext for the trigger node (mode
 * 'trigger' for an active workflow, 'manual' for "Fetch Test Event"), then `poll()`. The node's
 * static data lives in `options.staticData` (one object for all polls of a test, keyed
 * `node:<name>` as n8n keys it); like n8n 2.41, each poll works on a copy that is stored back
 * only when `poll()` returns (items or null), never when it throws.
 */
async function runPoll(options) {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const credentialType = options.credentialType || CREDENTIAL_TYPE;
	const mode = options.mode || 'trigger';
	const node = {
		id: 'voice-ai-trigger',
		name: 'HighLevel Voice AI Trigger',
		type: TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: structuredClone(options.parameters || {}),
		credentials: { [credentialType]: { id: '1', name: 'HighLevel Voice AI account' } },
	};
	const store = options.staticData || {};
	const key = `node:${node.name}`;
	// Fills in the parameters' defaults, as n8n does when it loads a workflow.
	const workflow = new Workflow({
		id: 'test-poll',
		nodes: [node],
		connections: {},
		active: mode !== 'manual',
		nodeTypes,
		settings: {},
	});
	const baseUrl = 'http://127.0.0.1';
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(
			credentialTypes,
			{ [credentialType]: options.credentials },
			nodeTypes,
		),
		variables: {},
		executionId: 'test-poll-execution',
		restApiUrl: baseUrl,
		instanceBaseUrl: baseUrl,
		webhookBaseUrl: baseUrl,
		webhookWaitingBaseUrl: baseUrl,
		webhookTestBaseUrl: baseUrl,
		formWaitingBaseUrl: baseUrl,
		userId: 'test-user',
	};
	const staged = JSON.parse(JSON.stringify(store[key] || {}));
	let staticDataReads = 0;
	const budget = options.pollBudgetMs;
	const context = new PollContext(
		workflow,
		node,
		additionalData,
		mode,
		options.activation || (mode === 'manual' ? 'manual' : 'trigger'),
		undefined,
		undefined,
		undefined,
		undefined,
		() => {
			staticDataReads++;
			return staged;
		},
		typeof budget === 'number' ? () => budget : undefined,
	);
	// An n8n older than 2.38 has no poll budget at all.
	if (budget === 'absent') context.getPollBudgetMs = undefined;

	const nodeType = nodeTypes.getByNameAndVersion(TRIGGER_NODE_TYPE, 1);
	let result = null;
	let error;
	try {
		result = await nodeType.poll.call(context);
	} catch (thrown) {
		error = thrown;
	}
	if (!error) store[key] = JSON.parse(JSON.stringify(staged));
	return {
		result,
		items: (result && result[0]) || [],
		error,
		staticData: store,
		nodeStaticData: store[key],
		staticDataReads,
	};
}

module.exports = {
	loadPackage,
	runNode,
	runPoll,
	TestCredentialsHelper,
	PACKAGE_ROOT,
	PACKAGE_NAME,
	NODE_TYPE,
	TRIGGER_NODE_TYPE,
	CREDENTIAL_TYPE,
	OAUTH2_CREDENTIAL_TYPE,
};
