import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { agentFieldsCollection } from '../../descriptions/agentFields';
import {
	agentFieldsProperties,
	agentOutputOptions,
	readAgentOutput,
} from '../../descriptions/agentOutput';
import { optionsCollection } from '../../descriptions/requestOptions';
import { agentBody, answerCarries } from '../../helpers/agent';
import { agentItem } from '../../output/agentItems';
import type { VoiceAiClient } from '../../transport';
import { NOT_THE_SUBJECT } from '../../transport';

const properties: INodeProperties[] = [
	agentFieldsCollection('agentFields', 'Agent Fields'),
	...agentFieldsProperties,
	optionsCollection(agentOutputOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['create'] } },
	properties,
);

/**
 * `POST /voice-ai/agents` with the location in the body (HighLevel answers 201 with the agent).
 * HighLevel fills in what is not given (a name, a prompt, a voice, English, 5 minutes, 24/7).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: VoiceAiClient,
): Promise<INodeExecutionData[]> {
	const output = readAgentOutput(
		(name, fallback) => this.getNodeParameter(name, itemIndex, fallback),
		'agent',
	);
	const fields = this.getNodeParameter('agentFields', itemIndex, {}) as IDataObject;
	const body = agentBody(fields, 'create');
	const agent = await client.request({
		method: 'POST',
		path: '/voice-ai/agents',
		body: { locationId: client.settings.locationId, ...body },
		locationInQuery: false,
		scope: 'voice-ai-agents.write',
		subject: { noun: 'new agent' },
		itemIndex,
		check: answerCarries('agent', undefined, NOT_THE_SUBJECT),
	});
	return [agentItem(agent, output)];
}
