'use strict';
// The node as an AI Agent's tool inside a real n8n, headless: n8n's AI Agent (V3) with n8n's
// OpenAI Chat Model, whose credential's Base URL points at a fake OpenAI on loopback
// (fakeOpenAi.js), and the example's two HighLevel Voice AI tools against the sandbox. The workflow
// is examples/ai-agent-asks-about-calls.json with its Chat Trigger swapped for a Manual Trigger and
// a fixed prompt, so `n8n execute` can run it.
//
// Called by test/e2e/run.js in two steps, so that it rides on run.js's import and n8n instance:
// `prepare` (before the import) writes the workflows and returns the credential to import;
// `run` (after it) executes them with run.js's `executeOk` and reports through its `test`.

const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');

const { startFakeOpenAi } = require('./fakeOpenAi');

const EXAMPLE = 'ai-agent-asks-about-calls.json';
const SEED_CALL_ID = '507f1f77bcf86cd799439011';
const UNKNOWN_CALL_ID = 'call99999999999999999999';
const OPENAI_CREDENTIAL = { id: 'openAiAccount01', name: 'OpenAI account' };
const TOOL_TYPE = 'n8n-nodes-highlevel-voice-ai.highLevelVoiceAiTool';
const PROMPTS = {
	aiAgentCallLog: `Summarise call ${SEED_CALL_ID}.`,
	aiAgentUnknownCall: `What happened on call ${UNKNOWN_CALL_ID}?`,
};

/** The example with a Manual Trigger and a fixed prompt instead of the chat. */
function headlessVariant(example, id, prompt) {
	const workflow = JSON.parse(JSON.stringify(example));
	Object.assign(workflow, { id, name: `e2e: ${prompt}` });
	const chat = workflow.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger');
	Object.assign(chat, {
		name: 'Run',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		parameters: {},
	});
	delete chat.webhookId;
	workflow.connections.Run = workflow.connections['When Chat Message Received'];
	delete workflow.connections['When Chat Message Received'];
	const agent = workflow.nodes.find((node) => node.name === 'AI Agent');
	Object.assign(agent.parameters, { promptType: 'define', text: prompt });
	// The fake speaks Chat Completions; the OpenAI node's default (1.3) is the Responses API.
	const model = workflow.nodes.find((node) => node.name === 'OpenAI Chat Model');
	model.parameters = { ...model.parameters, responsesApiEnabled: false };
	return workflow;
}

/** What the fake model does: call Get Call Log for the id in the prompt, then quote the result. */
function reply({ userText, toolResults }) {
	if (toolResults.length === 0) {
		const callId = userText.includes(UNKNOWN_CALL_ID) ? UNKNOWN_CALL_ID : SEED_CALL_ID;
		return { toolCall: { name: 'Get_Call_Log', arguments: { callId } } };
	}
	return { text: `The tool answered: ${toolResults.at(-1)}` };
}

/** The last item the AI Agent output, as n8n execute printed the run. */
function agentOutput(run) {
	const runs = run.data.resultData.runData['AI Agent'];
	assert.ok(runs, 'the AI Agent did not run');
	return runs.at(-1).data.main[0][0].json.output;
}

async function prepare({ n8n, sandbox, workflowsDir }) {
	const example = JSON.parse(fs.readFileSync(path.join(n8n.EXAMPLES_DIR, EXAMPLE), 'utf8'));
	const fake = await startFakeOpenAi(reply);
	// The example as users import it (Chat Trigger and all), and the headless variants.
	const workflows = [
		example,
		...Object.entries(PROMPTS).map(([id, prompt]) => headlessVariant(example, id, prompt)),
	];
	for (const workflow of workflows)
		fs.writeFileSync(path.join(workflowsDir, `${workflow.id}.json`), JSON.stringify(workflow));
	const credentials = [
		{
			...OPENAI_CREDENTIAL,
			type: 'openAiApi',
			data: { apiKey: 'sk-fake-e2e', url: fake.url, header: false },
		},
	];

	/** Runs one variant; resolves with the run and the model requests and sandbox requests it made. */
	async function runVariant(id, executeOk) {
		fake.requests.length = 0;
		sandbox.requests.length = 0;
		sandbox.setOption('recordRequests', true);
		try {
			const run = await executeOk(id);
			return {
				run,
				modelRequests: fake.requests.map((request) => request.body),
				highLevelRequests: [...sandbox.requests],
			};
		} finally {
			sandbox.setOption('recordRequests', false);
		}
	}

	async function run({ executeOk, test }) {
		// The descriptions the built package gives its tools (installPackage built dist/).
		const { TOOL_DESCRIPTIONS, MODEL_ARGUMENTS } = require(
			path.join(n8n.PROJECT_DIR, 'dist/nodes/HighLevelVoiceAi/descriptions/toolUse.js'),
		);
		const seed = sandbox.dataset.callLogs.find((call) => call.id === SEED_CALL_ID);

		await test('AI Agent: the model sees both tools, calls Get Call Log, and answers with the call', async () => {
			assert.ok(
				example.nodes.filter((node) => node.type === TOOL_TYPE).length === 2,
				'the example has two HighLevel tools',
			);
			const { run, modelRequests, highLevelRequests } = await runVariant(
				'aiAgentCallLog',
				executeOk,
			);
			assert.equal(modelRequests.length, 2, 'one completion for the tool call, one for the answer');

			// What the model was shown: each tool's name, description and parameter schema.
			const tools = Object.fromEntries(
				modelRequests[0].tools.map((tool) => [tool.function.name, tool.function]),
			);
			assert.deepEqual(Object.keys(tools).sort(), ['Get_Call_Log', 'List_Recent_Calls']);
			assert.equal(tools.Get_Call_Log.description, TOOL_DESCRIPTIONS.callLog.get);
			assert.deepEqual(tools.Get_Call_Log.parameters.properties, {
				callId: { type: 'string', description: MODEL_ARGUMENTS.callId.description },
			});
			assert.deepEqual(tools.Get_Call_Log.parameters.required, ['callId']);
			assert.equal(tools.List_Recent_Calls.description, TOOL_DESCRIPTIONS.callLog.getAll);
			assert.deepEqual(tools.List_Recent_Calls.parameters.properties, {
				limit: {
					type: 'number',
					description: 'How many of the newest calls to list, from 1 to 20',
				},
			});
			const userMessage = modelRequests[0].messages.find((message) => message.role === 'user');
			assert.equal(userMessage.content, PROMPTS.aiAgentCallLog);

			// The tool call reached HighLevel with the model's argument, once.
			assert.deepEqual(
				highLevelRequests.map((request) => [
					request.method,
					request.path,
					request.query.locationId,
				]),
				[['GET', `/voice-ai/dashboard/call-logs/${SEED_CALL_ID}`, sandbox.locationId]],
			);

			// The model got the call log back: one item per call, simplified (the actions as type, name
			// and time), as JSON text.
			const toolMessage = modelRequests[1].messages.find((message) => message.role === 'tool');
			const [call, ...rest] = JSON.parse(toolMessage.content);
			assert.deepEqual(rest, []);
			assert.equal(call.id, SEED_CALL_ID);
			assert.equal(call.summary, seed.summary);
			assert.equal(call.executedActions.length, seed.executedCallActions.length);
			assert.equal(call.executedCallActions, undefined);

			// The agent's answer quotes the call log.
			const output = agentOutput(run);
			assert.ok(output.startsWith('The tool answered: '), output);
			assert.ok(output.includes(seed.summary), 'the answer holds the call summary');
			assert.ok(output.includes(seed.agentId), 'the answer holds the agent id');
			assert.equal(run.data.resultData.runData['Get Call Log'].length, 1);
			assert.equal(run.data.resultData.runData['List Recent Calls'], undefined);
		});

		await test('AI Agent: an unknown call id comes back as a plain not-found text, and the run succeeds', async () => {
			const { run, modelRequests, highLevelRequests } = await runVariant(
				'aiAgentUnknownCall',
				executeOk,
			);
			assert.equal(run.data.resultData.error, undefined, 'the run did not fail');
			assert.deepEqual(
				highLevelRequests.map((request) => request.path),
				[`/voice-ai/dashboard/call-logs/${UNKNOWN_CALL_ID}`],
			);
			const toolMessage = modelRequests[1].messages.find((message) => message.role === 'tool');
			const [answer] = JSON.parse(toolMessage.content);
			const expected = `HighLevel has no call log ${UNKNOWN_CALL_ID} in this location. Check the id, and that it belongs to the location set in the credential.`;
			assert.ok(answer.error.startsWith(expected), answer.error);
			assert.deepEqual(Object.keys(answer), ['error']);
			assert.ok(agentOutput(run).includes(expected), 'the answer quotes the not-found text');
			// n8n marks the tool's own run as failed, with the same text.
			const toolRun = run.data.resultData.runData['Get Call Log'][0];
			assert.equal(toolRun.error.message, answer.error);
		});
	}

	return { credentials, run, close: () => fake.close() };
}

module.exports = { prepare };
