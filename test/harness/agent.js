'use strict';
/**
 * Runs this package's node as an AI Agent's tool through real n8n-core: the workflow
 * `Test Input → Test Agent`, with "HighLevel Voice AI Tool" connected to the agent's tool input.
 *
 * - The tool is n8n's tool variant of the built node, made as n8n 2.41's NodeTypes makes it
 *   (n8n/dist/node-types.js `getByNameAndVersion` → tool-generation/ai-tools.js
 *   `convertNodeToAiTool`; n8n itself is not a dependency here, so those ~20 lines are repeated).
 * - The agent asks n8n-core for its tools (`getInputConnectionData('ai_tool')`, which builds them
 *   with n8n-core's own createNodeAsTool) and reports each as OpenAI receives it (LangChain's
 *   convertToOpenAITool). Then it calls the tool the way the test asks:
 *   - 'engine': as n8n 2.41's AI Agent (V3) does, returning an engine request that n8n-core's
 *     WorkflowExecute runs (the tool node becomes a regular run with the model's arguments), and
 *     reading what came back as that agent does (`buildSteps`' observation: the items' JSON as
 *     text, or the error);
 *   - 'invoke': by invoking the LangChain tool (n8n-core's handleToolInvocation), as the MCP
 *     Server Trigger and older agents do; the answer or the thrown message is reported.
 * Nothing else stands in for n8n: requests go over HTTP to the sandbox.
 */
const path = require('path');
const { ExecutionLifecycleHooks } = require('n8n-core');
const { NodeConnectionTypes, NodeHelpers, Workflow } = require('n8n-workflow');

const {
	baseAdditionalData,
	loadPackage,
	startManualRun,
	TestCredentialsHelper,
	NODE_TYPE,
	CREDENTIAL_TYPE,
} = require('./n8n');

const fromN8nCore = (name) =>
	require(require.resolve(name, { paths: [path.dirname(require.resolve('n8n-core'))] }));
const { convertToOpenAITool } = fromN8nCore('@langchain/core/utils/function_calling');

const TOOL_NODE_TYPE = `${NODE_TYPE}Tool`;
const TOOL_NODE_NAME = 'HighLevel Voice AI';
const AGENT_NODE_NAME = 'Agent';

/** n8n 2.41's `convertNodeToAiTool`, applied to a clone of the node type as NodeTypes does. */
function toolVariant(nodeType) {
	const properties = Object.create(nodeType.description.properties);
	const description = Object.create(nodeType.description, {
		properties: { value: properties, writable: false },
	});
	const tool = Object.create(nodeType, { description: { value: description } });
	description.name += 'Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	description.displayName += ' Tool';
	delete description.usableAsTool;
	const names = tool.description.properties.map((property) => property.name);
	const hasResourceOrOperation = names.includes('resource') || names.includes('operation');
	if (!names.includes('toolDescription')) {
		const toolDescription = {
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			default: nodeType.description.description,
			required: true,
			typeOptions: { rows: 2 },
		};
		tool.description.properties.splice(0, 0, toolDescription);
		if (hasResourceOrOperation) {
			toolDescription.displayOptions = { show: { descriptionType: ['manual'] } };
			tool.description.properties.splice(0, 0, {
				displayName: 'Tool Description',
				name: 'descriptionType',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Set Automatically', value: 'auto' },
					{ name: 'Set Manually', value: 'manual' },
				],
				default: 'auto',
			});
		}
	}
	return tool;
}

/** What `buildSteps` in n8n 2.41's agent makes of a tool run for the model (`buildObservation`). */
function observationOf(taskData) {
	const items = taskData?.data?.ai_tool?.[0]?.map((item) => item?.json);
	if (items && items.length > 0) return JSON.stringify(items);
	if (taskData?.error) {
		return JSON.stringify({
			error: taskData.error.message ?? 'Unknown error',
			...(taskData.error.name && { errorType: taskData.error.name }),
		});
	}
	return JSON.stringify('');
}

/** Stands in for the AI Agent and its model: the tool calls come from its `toolCalls` parameter. */
class TestAgent {
	constructor() {
		this.description = {
			displayName: 'Test Agent',
			name: 'testAgent',
			group: ['transform'],
			version: 1,
			description: 'Calls its tools with fixed arguments',
			defaults: { name: 'Test Agent' },
			inputs: [
				NodeConnectionTypes.Main,
				{ type: NodeConnectionTypes.AiTool, displayName: 'Tools' },
			],
			outputs: [NodeConnectionTypes.Main],
			properties: [
				{ displayName: 'Tool Calls', name: 'toolCalls', type: 'json', default: '[]' },
				{ displayName: 'Call Style', name: 'callStyle', type: 'string', default: 'engine' },
			],
		};
	}

	async execute(response) {
		const tools = await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0);
		const seen = tools.map((tool) => convertToOpenAITool(tool).function);
		const calls = JSON.parse(this.getNodeParameter('toolCalls', 0));
		if (this.getNodeParameter('callStyle', 0) === 'invoke') {
			const answers = [];
			for (const args of calls) {
				try {
					answers.push({ answer: await tools[0].invoke(args) });
				} catch (error) {
					answers.push({ thrown: error.message });
				}
			}
			return [[{ json: { tools: seen, answers } }]];
		}
		if (!response?.actionResponses?.length) {
			return {
				actions: calls.map((input, index) => ({
					actionType: 'ExecutionNodeAction',
					nodeName: tools[0].metadata.sourceNodeName,
					input,
					type: NodeConnectionTypes.AiTool,
					id: `call_${index}`,
					metadata: { itemIndex: 0 },
				})),
				metadata: {},
			};
		}
		const observations = response.actionResponses.map((entry) => observationOf(entry.data));
		return [[{ json: { tools: seen, observations } }]];
	}
}

let types;

async function nodeTypesWithAgent() {
	types ??= (async () => {
		const { nodeTypes } = await loadPackage();
		const node = nodeTypes.getByNameAndVersion(NODE_TYPE, 1);
		const extra = { testAgent: new TestAgent(), [TOOL_NODE_TYPE]: toolVariant(node) };
		return {
			getByName: (type) => extra[type] ?? nodeTypes.getByName(type),
			getByNameAndVersion: (type, version) =>
				extra[type]
					? NodeHelpers.getVersionedNodeType(extra[type], version)
					: nodeTypes.getByNameAndVersion(type, version),
			getKnownTypes: () => ({}),
		};
	})();
	return await types;
}

/**
 * Runs the agent with the tool configured by `parameters`; resolves with what the model was shown
 * (`tools`), what it got back (`observations` or `answers`), the tool's runs and the whole run.
 */
async function runAgentTool(options) {
	const nodeTypes = await nodeTypesWithAgent();
	const { credentialTypes } = await loadPackage();
	const input = {
		id: 'input',
		name: 'Input',
		type: 'testInput',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify([{ chatInput: 'What happened on the call?' }]) },
	};
	const agent = {
		id: 'agent',
		name: AGENT_NODE_NAME,
		type: 'testAgent',
		typeVersion: 1,
		position: [200, 0],
		parameters: {
			toolCalls: JSON.stringify(options.toolCalls),
			callStyle: options.callStyle || 'engine',
		},
	};
	const tool = {
		id: 'tool',
		name: options.toolName || TOOL_NODE_NAME,
		type: TOOL_NODE_TYPE,
		typeVersion: 1,
		position: [200, 200],
		parameters: options.parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'HighLevel Voice AI account' } },
		...(options.onError && { onError: options.onError }),
	};
	const nodes = [input, agent, tool];
	const connections = {
		Input: { main: [[{ node: AGENT_NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] },
		[tool.name]: {
			ai_tool: [[{ node: AGENT_NODE_NAME, type: NodeConnectionTypes.AiTool, index: 0 }]],
		},
	};
	const workflow = new Workflow({
		id: 'agent-test',
		nodes,
		connections,
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'agent-execution', {
		id: 'agent-test',
		name: 'agent test',
		active: false,
		nodes,
		connections,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	const done = new Promise((resolve) =>
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)),
	);
	const additionalData = baseAdditionalData('agent-execution', {
		hooks,
		credentialsHelper: new TestCredentialsHelper(
			credentialTypes,
			{ [CREDENTIAL_TYPE]: options.credentials },
			nodeTypes,
		),
	});
	await startManualRun(workflow, input, additionalData);
	const run = await done;
	const agentRun = run.data.resultData.runData[AGENT_NODE_NAME];
	const output = agentRun?.[agentRun.length - 1]?.data?.main?.[0]?.[0]?.json ?? {};
	return {
		run,
		tools: output.tools ?? [],
		observations: output.observations ?? [],
		answers: output.answers ?? [],
		toolRuns: run.data.resultData.runData[tool.name] ?? [],
		error: run.data.resultData.error,
	};
}

module.exports = { runAgentTool, toolVariant, TOOL_NODE_TYPE, TOOL_NODE_NAME };
