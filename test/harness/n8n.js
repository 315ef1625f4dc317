'use strict';
/**
 * Runs this package's node through real n8n-core: the built package (dist/) is loaded by n8n's
 * own PackageDirectoryLoader, credentials are applied by the credential type's real
 * `authenticate` (resolved as n8n's CredentialsHelper resolves it), and workflows run in
 * WorkflowExecute. Nothing in the node's code path is mocked; requests go over HTTP to the
 * sandbox on 127.0.0.1. Plain JS so that tests, the benchmark and scripts share it.
 */
const path = require('path');
const querystring = require('querystring');
// n8n-core's own copies (it nests them), so that the harness and the node share one logger.
const fromN8nCore = (name) =>
	require(require.resolve(name, { paths: [path.dirname(require.resolve('n8n-core'))] }));
const { Logger } = fromN8nCore('@n8n/backend-common');
const { Container } = fromN8nCore('@n8n/di');
const {
	Credentials,
	ExecutionLifecycleHooks,
	HookContext,
	LoadOptionsContext,
	PackageDirectoryLoader,
	PollContext,
	WebhookContext,
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
const WEBHOOK_TRIGGER_TYPE = `${PACKAGE_NAME}.highLevelVoiceAiWebhookTrigger`;
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
		typeVersion: options.typeVersion || 1,
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
	const credentialsHelper = new TestCredentialsHelper(
		credentialTypes,
		{ [credentialType]: options.credentials },
		nodeTypes,
	);
	const additionalData = baseAdditionalData('test-execution', { hooks, credentialsHelper });
	await startManualRun(workflow, input, additionalData);
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
		typeVersion: options.typeVersion || 1,
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
	const additionalData = baseAdditionalData('test-poll-execution', {
		credentialsHelper: new TestCredentialsHelper(
			credentialTypes,
			{ [credentialType]: options.credentials },
			nodeTypes,
		),
	});
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

	const nodeType = nodeTypes.getByNameAndVersion(TRIGGER_NODE_TYPE, node.typeVersion);
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

/**
 * A webhook trigger node in a one-node workflow, as n8n's LiveWebhooks builds it for each request:
 * a fresh Workflow over static data read back from storage (JSON, as n8n's database keeps it).
 */
function webhookWorkflow(nodeTypes, options) {
	const node = {
		id: 'webhook-trigger',
		name: 'HighLevel Voice AI Webhook Trigger',
		type: options.nodeType || WEBHOOK_TRIGGER_TYPE,
		typeVersion: options.typeVersion || 1,
		position: [0, 0],
		parameters: options.parameters || {},
		webhookId: 'e2b5a7c4-0a4f-4c55-9f3b-2f6d1c0b9a11',
	};
	const staticData = options.staticData?.json ? JSON.parse(options.staticData.json) : {};
	const workflow = new Workflow({
		id: 'webhook-test',
		name: 'webhook test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData,
		settings: {},
	});
	return { node, workflow };
}

/**
 * What n8n-core's contexts read from `additionalData` besides the credentials helper and hooks:
 * the instance's URLs (on loopback; nothing is served there) and the user.
 */
function baseAdditionalData(executionId, extra = {}) {
	const baseUrl = 'http://127.0.0.1';
	return {
		variables: {},
		executionId,
		restApiUrl: baseUrl,
		instanceBaseUrl: baseUrl,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		userId: 'test-user',
		...extra,
	};
}

/** Runs `workflow` as the editor's "Execute workflow" does, from its `input` node with one empty item. */
function startManualRun(workflow, input, additionalData) {
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: input, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	return new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(
		workflow,
	);
}

function webhookAdditionalData(extra = {}) {
	return baseAdditionalData(undefined, extra);
}

function webhookDataFor(workflow, node, nodeType, additionalData, mode) {
	const description = nodeType.description.webhooks[0];
	return {
		httpMethod: description.httpMethod,
		node: node.name,
		path: `${node.webhookId}/${description.path}`,
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
		isTest: mode === 'manual',
	};
}

/**
 * n8n's body parser (n8n `middlewares/body-parser.js`, `parseBody`), which runs before a webhook
 * node for every request that is not multipart: `rawBody` keeps the bytes; `body` is parsed JSON
 * for application/json (unparsable JSON is answered 422 by n8n itself, the node never sees it),
 * text for text/plain, fields for forms, and `{}` otherwise.
 */
function parseLikeN8n(rawBody, contentType) {
	const bytes = rawBody === undefined ? undefined : Buffer.from(rawBody);
	if (!bytes || bytes.length === 0) return { body: {} };
	const text = bytes.toString('utf8');
	const stripped = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	if (contentType === 'application/json') {
		try {
			return { body: JSON.parse(stripped) ?? {} };
		} catch {
			return { refused: { status: 422, body: 'Failed to parse request body' } };
		}
	}
	if (contentType === 'text/plain') return { body: text };
	if (contentType === 'application/x-www-form-urlencoded')
		return { body: querystring.parse(stripped, undefined, undefined, { maxKeys: 1000 }) };
	return { body: {} };
}

/** Records what the node writes to the (Express) response n8n hands it. */
function recordingResponse() {
	const response = {
		statusCode: 200,
		headers: {},
		body: undefined,
		ended: false,
		get headersSent() {
			return response.ended;
		},
		status(code) {
			response.statusCode = code;
			return response;
		},
		setHeader(name, value) {
			response.headers[String(name).toLowerCase()] = value;
			return response;
		},
		getHeader(name) {
			return response.headers[String(name).toLowerCase()];
		},
		type(value) {
			return response.setHeader('content-type', value);
		},
		end(chunk) {
			if (chunk !== undefined) response.body = Buffer.isBuffer(chunk) ? chunk.toString() : chunk;
			response.ended = true;
			return response;
		},
		send(body) {
			return response.end(typeof body === 'string' ? body : JSON.stringify(body));
		},
		json(body) {
			response.setHeader('content-type', 'application/json');
			return response.end(JSON.stringify(body));
		},
	};
	return response;
}

/**
 * Collects what n8n's logger writes while `work` runs, instead of printing it. Levels below n8n's
 * configured log level (debug, by default) never reach it, as in n8n.
 */
async function capturingLogs(work) {
	const logger = Container.get(Logger);
	const logs = [];
	const original = logger.getInternalLogger();
	logger.setInternalLogger({
		log: (level, message, meta) => logs.push({ level, message: String(message), meta }),
	});
	try {
		return { value: await work(), logs };
	} finally {
		logger.setInternalLogger(original);
	}
}

/**
 * Delivers one HTTP request to the webhook trigger's `webhook()` the way n8n 2.41 does for an
 * active workflow (n8n `webhooks/live-webhooks.js` → `webhook-helpers.js` → `WebhookService.runWebhook`):
 * a real n8n-core WebhookContext over a fresh Workflow, the request body parsed as n8n parses it,
 * and afterwards n8n's answer: the node's own response when it returns `noWebhookResponse`, else
 * 200 (with the webhook's responseData when it returns items; the run itself is not executed here).
 * Static data is saved, as n8n's WorkflowStaticDataService does, only when the node changed it and
 * the request did not fail; pass the same `staticData` store to later calls to persist it.
 */
async function runWebhook(options) {
	const { nodeTypes } = await loadPackage();
	const { node, workflow } = webhookWorkflow(nodeTypes, options);
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
	const headers = Object.fromEntries(
		Object.entries({
			'content-type': contentType,
			...(options.headers || {}),
		})
			.filter(([, value]) => value !== undefined && value !== null)
			.map(([name, value]) => [name.toLowerCase(), value]),
	);
	const parsed = parseLikeN8n(options.rawBody, contentType);
	if (parsed.refused) {
		return {
			status: parsed.refused.status,
			body: parsed.refused.body,
			nodeCalled: false,
			executed: false,
			items: [],
			logs: [],
			staticDataSaved: false,
		};
	}
	const request = {
		method: 'POST',
		url: `/webhook/${node.webhookId}/${nodeType.description.webhooks[0].path}`,
		headers,
		contentType,
		query: {},
		params: {},
		body: parsed.body,
		rawBody:
			options.rawBody === undefined
				? undefined
				: typeof options.rawBody === 'string'
					? Buffer.from(options.rawBody, 'utf8')
					: options.rawBody,
	};
	const response = recordingResponse();
	const mode = options.mode || 'webhook';
	const additionalData = webhookAdditionalData({ httpRequest: request, httpResponse: response });
	const webhookData = webhookDataFor(workflow, node, nodeType, additionalData, mode);
	const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);

	let result;
	let error;
	const { logs } = await capturingLogs(async () => {
		try {
			result = await nodeType.webhook.call(context);
		} catch (caught) {
			error = caught;
		}
	});

	const outcome = { nodeCalled: true, logs, error, result, response };
	if (error) {
		// n8n answers 500 with the error's message and does not save static data.
		return {
			...outcome,
			status: 500,
			body: error.message,
			executed: false,
			items: [],
			staticDataSaved: false,
		};
	}
	let status;
	let body;
	if (result.noWebhookResponse === true) {
		status = response.ended ? response.statusCode : undefined;
		body = response.body;
	} else if (result.workflowData === undefined) {
		status = 200;
		body = JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' });
	} else {
		// n8n's answer for a started run (`extractWebhookOnReceivedResponse`): the description's
		// responseData, which n8n defaults to the text "firstEntryJson", unless it is "noData".
		const responseData = nodeType.description.webhooks[0].responseData ?? 'firstEntryJson';
		status = 200;
		if (responseData !== 'noData') body = responseData;
	}
	let staticDataSaved = false;
	if (workflow.staticData.__dataChanged === true && options.staticData) {
		options.staticData.json = JSON.stringify(workflow.staticData);
		staticDataSaved = true;
	}
	const items = result.workflowData ? result.workflowData[0] || [] : [];
	return {
		...outcome,
		status,
		body,
		executed: result.workflowData !== undefined,
		items,
		staticDataSaved,
	};
}

/**
 * Activates the webhook trigger as n8n does (`WebhookService.createWebhookIfNotExists`): its
 * `checkExists`, then `create` when that says false, each in a real n8n-core HookContext.
 * Resolves with what ran, or the error that would fail the activation.
 */
async function activateWebhook(options) {
	const { nodeTypes } = await loadPackage();
	const { node, workflow } = webhookWorkflow(nodeTypes, options);
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const mode = options.mode || 'trigger';
	const activation = options.activation || 'activate';
	const additionalData = webhookAdditionalData();
	const webhookData = webhookDataFor(workflow, node, nodeType, additionalData, mode);
	const methods = nodeType.webhookMethods.default;
	const run = async (method) =>
		await methods[method].call(
			new HookContext(workflow, node, additionalData, mode, activation, webhookData),
		);
	const calls = [];
	try {
		const exists = await run('checkExists');
		calls.push(['checkExists', exists]);
		if (!exists) calls.push(['create', await run('create')]);
		return { calls };
	} catch (error) {
		return { calls, error };
	}
}

/** Deactivates it as n8n does (`WebhookService.deleteWebhook`). */
async function deactivateWebhook(options) {
	const { nodeTypes } = await loadPackage();
	const { node, workflow } = webhookWorkflow(nodeTypes, options);
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const additionalData = webhookAdditionalData();
	const webhookData = webhookDataFor(workflow, node, nodeType, additionalData, 'trigger');
	return await nodeType.webhookMethods.default.delete.call(
		new HookContext(workflow, node, additionalData, 'trigger', 'activate', webhookData),
	);
}

/**
 * Calls one of the node's list searches (a resource locator's "From List") the way n8n's editor
 * does: n8n-core's LoadOptionsContext over a one-node workflow holding the node's current
 * parameters, with the credential applied by its real `authenticate`.
 */
async function runListSearch(options) {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const credentialType = options.credentialType || CREDENTIAL_TYPE;
	const type = options.nodeType || NODE_TYPE;
	// The parameters with their defaults filled in, as the editor holds them.
	const parameters = NodeHelpers.getNodeParameters(
		nodeTypes.getByNameAndVersion(type, 1).description.properties,
		options.parameters || {},
		true,
		false,
		null,
		null,
	);
	const node = {
		id: 'voice-ai',
		name: 'HighLevel Voice AI',
		type,
		typeVersion: options.typeVersion || 1,
		position: [0, 0],
		parameters,
		credentials: { [credentialType]: { id: '1', name: 'HighLevel Voice AI account' } },
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
		credentialsHelper: new TestCredentialsHelper(
			credentialTypes,
			{ [credentialType]: options.credentials },
			nodeTypes,
		),
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
	if (typeof search !== 'function')
		throw new Error(`The node has no list search "${options.method}"`);
	return await search.call(context, options.filter, options.paginationToken);
}

module.exports = {
	baseAdditionalData,
	startManualRun,
	loadPackage,
	runNode,
	runPoll,
	runWebhook,
	activateWebhook,
	deactivateWebhook,
	runListSearch,
	TestCredentialsHelper,
	PACKAGE_ROOT,
	PACKAGE_NAME,
	NODE_TYPE,
	TRIGGER_NODE_TYPE,
	WEBHOOK_TRIGGER_TYPE,
	CREDENTIAL_TYPE,
	OAUTH2_CREDENTIAL_TYPE,
};
