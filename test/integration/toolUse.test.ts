import type { IDataObject, INode, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import {
	MODEL_ARGUMENTS,
	TOOL_DESCRIPTIONS,
} from '../../nodes/HighLevelVoiceAi/descriptions/toolUse';
import { cutLongTexts, TOOL_OUTPUT_LIMITS } from '../../nodes/HighLevelVoiceAi/output/toolOutput';
import { runAgentTool, toolVariant } from '../harness/agent';
import { loadPackage, NODE_TYPE, runNode } from '../harness/n8n';
import { credentialsFor, SEED_CALL_ID, useSandbox } from '../harness/sandbox';

/** The ids each operation's tool asks the model for, in schema order. */
const MODEL_IDS: Array<[string, string, string[]]> = [
	['callLog', 'get', ['callId']],
	['callLog', 'getAll', []],
	['agent', 'create', []],
	['agent', 'delete', ['agentId']],
	['agent', 'get', ['agentId']],
	['agent', 'getAll', []],
	['agent', 'update', ['agentId']],
	['agentAction', 'create', ['agentId']],
	['agentAction', 'delete', ['agentId', 'actionId']],
	['agentAction', 'get', ['actionId']],
	['agentAction', 'update', ['agentId', 'actionId']],
];

const NOT_FOUND =
	'HighLevel has no call log nope0000000000000000 in this location. Check the id, and that it belongs to the location set in the credential.';

const parse = (observation: string) => JSON.parse(observation) as IDataObject[];

describe('the node as an AI Agent tool, through n8n-core', () => {
	const sandboxOf = useSandbox({ recordRequests: true });
	const credentials = () => credentialsFor(sandboxOf());

	describe('what the model is shown', () => {
		it.each(MODEL_IDS)(
			'%s %s: the operation’s description, and the ids it needs in the schema',
			async (resource, operation, ids) => {
				const { tools, error } = await runAgentTool({
					parameters: { resource, operation },
					credentials: credentials(),
					toolCalls: [],
					callStyle: 'invoke',
				});
				expect(error).toBeUndefined();
				expect(tools).toHaveLength(1);
				const [tool] = tools;
				expect(tool.name).toBe('HighLevel_Voice_AI');
				expect(tool.description).toBe(TOOL_DESCRIPTIONS[resource][operation]);
				expect(Object.keys(tool.parameters.properties)).toEqual(ids);
				expect(tool.parameters.required ?? []).toEqual(ids);
				for (const id of ids) {
					expect(tool.parameters.properties[id]).toEqual({
						type: 'string',
						description: MODEL_ARGUMENTS[id].description,
					});
				}
				expect(sandboxOf().requests).toEqual([]);
			},
		);

		it('names the tool after the node, and reads a description the user wrote', async () => {
			const { tools } = await runAgentTool({
				toolName: 'Look up a call (Voice AI)',
				parameters: {
					resource: 'callLog',
					operation: 'get',
					toolDescription: 'Reads one call of our front desk by its callId.',
				},
				credentials: credentials(),
				toolCalls: [],
				callStyle: 'invoke',
			});
			expect(tools[0].name).toBe('Look_up_a_call_Voice_AI_');
			expect(tools[0].description).toBe('Reads one call of our front desk by its callId.');
		});

		it('adds nothing to the regular node: no tool description, the pickers as before', async () => {
			const { nodeTypes } = await loadPackage();
			const regular = nodeTypes.getByNameAndVersion(NODE_TYPE, 1) as INodeType;
			const tool = toolVariant(regular);
			const node = { typeVersion: 1 } as INode;
			const resolve = (type: INodeType) =>
				NodeHelpers.getNodeParameters(
					type.description.properties,
					{ resource: 'callLog', operation: 'get' },
					true,
					false,
					node,
					type.description,
				) as IDataObject;

			const asNode = resolve(regular);
			expect(asNode).not.toHaveProperty('toolDescription');
			expect(asNode).not.toHaveProperty('toolOutputSize');
			expect(asNode.callId).toEqual({ __rl: true, mode: 'list', value: '' });
			expect(asNode.output).toBe('actions');

			const asTool = resolve(tool);
			expect(asTool.toolDescription).toBe(TOOL_DESCRIPTIONS.callLog.get);
			expect(asTool.toolOutputSize).toBe('limited');
			expect(asTool.callId).toEqual({
				__rl: true,
				mode: 'id',
				value: `={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('callId', \`${MODEL_ARGUMENTS.callId.description}\`, 'string') }}`,
			});
			expect(asTool.output).toBe('callLogs');
			expect(asTool.fields).toBe('simplified');
			// n8n's own "Set Automatically" description is not added next to the node's.
			expect(tool.description.properties.map((p) => p.name)).not.toContain('descriptionType');
		});
	});

	describe('a tool call as n8n 2.41’s AI Agent makes it (an engine request run by WorkflowExecute)', () => {
		it('gets the call log the model asked for, one item per call', async () => {
			const { observations, toolRuns, error, run } = await runAgentTool({
				parameters: { resource: 'callLog', operation: 'get' },
				credentials: credentials(),
				toolCalls: [{ callId: SEED_CALL_ID }],
			});
			expect(error).toBeUndefined();
			expect(run.status).toBe('success');
			expect(toolRuns).toHaveLength(1);
			const seed = sandboxOf().dataset.callLogs.find((call) => call.id === SEED_CALL_ID)!;
			const [call, ...rest] = parse(observations[0]);
			expect(rest).toEqual([]);
			expect(call).toMatchObject({
				id: SEED_CALL_ID,
				agentId: seed.agentId,
				summary: seed.summary,
			});
			// Simplified by default for a model: the actions as type, name and time.
			expect((call.executedActions as IDataObject[]).length).toBe(8);
			expect(call).not.toHaveProperty('executedCallActions');
			expect(sandboxOf().requests.map((request) => request.path)).toEqual([
				`/voice-ai/dashboard/call-logs/${SEED_CALL_ID}`,
			]);
		});

		it('takes the id from the model in a picker left on "From List" too', async () => {
			const { observations } = await runAgentTool({
				parameters: {
					resource: 'callLog',
					operation: 'get',
					callId: {
						__rl: true,
						mode: 'list',
						value: "={{ $fromAI('callId', 'The call', 'string') }}",
					},
				},
				credentials: credentials(),
				toolCalls: [{ callId: SEED_CALL_ID }],
			});
			expect(parse(observations[0])[0].id).toBe(SEED_CALL_ID);
		});

		it('answers an unknown id with a plain message that says what to check; the run goes on', async () => {
			const { observations, toolRuns, error, run } = await runAgentTool({
				parameters: { resource: 'callLog', operation: 'get' },
				credentials: credentials(),
				toolCalls: [{ callId: 'nope0000000000000000' }],
			});
			expect(error).toBeUndefined();
			expect(run.status).toBe('success');
			const [answer] = parse(observations[0]);
			expect(Object.keys(answer)).toEqual(['error']);
			expect(answer.error).toMatch(new RegExp(`^${NOT_FOUND.replace(/[.()]/g, '\\$&')}`));
			expect(answer.error).toContain('HighLevel said: "No call log found for the id');
			// n8n marks the tool's run as failed.
			expect(toolRuns[0].error?.message).toBe(answer.error);
		});

		it('names an id it cannot use, with the fix, and sends nothing', async () => {
			const { observations } = await runAgentTool({
				parameters: { resource: 'callLog', operation: 'get' },
				credentials: credentials(),
				toolCalls: [{ callId: '../calls' }],
			});
			expect(parse(observations[0])).toEqual([
				{
					error:
						'Call ID "../calls" contains characters an id cannot have. HighLevel ids contain only letters, digits, "-" and "_". Characters such as "/", "?", "#", "%" or spaces are refused so the request cannot reach another address.',
				},
			]);
			expect(sandboxOf().requests).toEqual([]);
		});

		it('with "Continue On Fail", hands the model the error and its fix as fields', async () => {
			const { observations, toolRuns } = await runAgentTool({
				parameters: { resource: 'callLog', operation: 'get' },
				credentials: credentials(),
				toolCalls: [{ callId: 'nope0000000000000000' }],
				onError: 'continueRegularOutput',
			});
			const [answer] = parse(observations[0]);
			expect(answer).toMatchObject({
				error: 'HighLevel has no call log nope0000000000000000 in this location',
				httpCode: '400',
			});
			expect(answer.description).toMatch(/^Check the id/);
			expect(toolRuns[0].error).toBeUndefined();
		});

		it('bounds a long list for the model: at most 20 calls, texts cut, a note on what was left out', async () => {
			const parameters = { resource: 'callLog', operation: 'getAll', limit: 60 };
			const { observations } = await runAgentTool({
				parameters,
				credentials: credentials(),
				toolCalls: [{}],
			});
			const answer = parse(observations[0]);
			const note = answer.at(-1)!;
			const calls = answer.slice(0, -1);
			expect(note).toMatchObject({ totalResults: 60, shownResults: calls.length });
			expect(note.note).toMatch(/^Only the first \d+ of 60 results are shown/);
			expect(calls.length).toBeGreaterThan(0);
			expect(calls.length).toBeLessThanOrEqual(TOOL_OUTPUT_LIMITS.items);
			expect(JSON.stringify(calls).length).toBeLessThanOrEqual(TOOL_OUTPUT_LIMITS.characters);

			// The same calls as the regular node outputs (simplified), newest first, long texts cut.
			const { items } = await runNode({
				parameters: { ...parameters, fields: 'simplified' },
				credentials: credentials(),
			});
			expect(items).toHaveLength(60);
			expect(calls).toEqual(
				items
					.slice(0, calls.length)
					.map((item) => cutLongTexts(item.json, TOOL_OUTPUT_LIMITS.textCharacters)),
			);
		});

		it('hands over everything with "Output Size for the Agent" set to Everything', async () => {
			const parameters = { resource: 'callLog', operation: 'getAll', limit: 60 };
			const { observations } = await runAgentTool({
				parameters: { ...parameters, toolOutputSize: 'all' },
				credentials: credentials(),
				toolCalls: [{}],
			});
			const { items } = await runNode({
				parameters: { ...parameters, fields: 'simplified' },
				credentials: credentials(),
			});
			expect(parse(observations[0])).toEqual(items.map((item) => item.json));
		});

		it('says "No results" rather than sending an empty string when nothing matches', async () => {
			const { observations } = await runAgentTool({
				parameters: { resource: 'agent', operation: 'getAll', filters: { query: 'no such agent' } },
				credentials: credentials(),
				toolCalls: [{}],
			});
			expect(parse(observations[0])).toEqual([
				{ note: 'No results: nothing matched this request.' },
			]);
		});

		it('reads an agent action by the id the model gives', async () => {
			const action = sandboxOf().actions()[0];
			const { observations } = await runAgentTool({
				parameters: { resource: 'agentAction', operation: 'get' },
				credentials: credentials(),
				toolCalls: [{ actionId: action.id }],
			});
			expect(parse(observations[0])).toEqual([
				expect.objectContaining({ id: action.id, actionType: action.actionType }),
			]);
			expect(sandboxOf().requests.map((request) => request.path)).toEqual([
				`/voice-ai/actions/${action.id}`,
			]);
		});
	});

	describe('the LangChain tool invoked directly (MCP Server Trigger, agents before V3)', () => {
		it('answers with the items as JSON text, and throws the message with its fix once', async () => {
			const { answers } = await runAgentTool({
				parameters: { resource: 'callLog', operation: 'get' },
				credentials: credentials(),
				toolCalls: [{ callId: SEED_CALL_ID }, { callId: 'nope0000000000000000' }],
				callStyle: 'invoke',
			});
			expect(JSON.parse(answers[0].answer!)[0].id).toBe(SEED_CALL_ID);
			expect(answers[1].thrown).toMatch(new RegExp(`^${NOT_FOUND.replace(/[.()]/g, '\\$&')}`));
			// n8n appends "Details: <description>" only when the message does not hold it already.
			expect(answers[1].thrown).not.toContain('Details:');
		});
	});

	describe('the regular node, for comparison', () => {
		it('keeps its message and its description apart (the tool folds them together)', async () => {
			const { error } = await runNode({
				parameters: {
					resource: 'callLog',
					operation: 'get',
					callId: { __rl: true, mode: 'id', value: 'nope0000000000000000' },
				},
				credentials: credentials(),
			});
			expect(error?.message).toBe(
				'HighLevel has no call log nope0000000000000000 in this location',
			);
			expect(error?.description).toMatch(/^Check the id/);
		});
	});

	// Last: the transport then paces this location's requests until HighLevel's window passes.
	describe('a spent quota', () => {
		it('says when the daily quota is spent, and what that means', async () => {
			const { observations } = await runAgentTool({
				parameters: { resource: 'callLog', operation: 'get' },
				credentials: credentials(),
				toolCalls: [{ callId: 'fault-daily-429' }],
			});
			expect(parse(observations[0])[0].error).toMatch(
				/^The daily HighLevel API quota for this location is spent \(200000 requests per day\)\. HighLevel allows a fixed number of API requests per location per day\. Wait until the quota resets/,
			);
		});
	});
});
