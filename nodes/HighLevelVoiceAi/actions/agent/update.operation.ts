import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { agentFieldsCollection } from '../../descriptions/agentFields';
import { agentLocator, readPickedId } from '../../descriptions/locators';
import {
	agentFieldsProperties,
	agentOutputOptions,
	readAgentOutput,
} from '../../descriptions/agentOutput';
import { optionsCollection } from '../../descriptions/requestOptions';
import { agentBody, answerCarries, idOf } from '../../helpers/agent';
import { agentItem } from '../../output/agentItems';
import type { VoiceAiClient } from '../../transport';
import { NOT_THE_SUBJECT } from '../../transport';

const properties: INodeProperties[] = [
	agentLocator(),
	agentFieldsCollection('updateFields', 'Update Fields'),
	...agentFieldsProperties,
	optionsCollection(agentOutputOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['update'] } },
	properties,
);

/** `PATCH /voice-ai/agents/{agentId}` with only the fields added under Update Fields. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: VoiceAiClient,
): Promise<INodeExecutionData[]> {
	const output = readAgentOutput(
		(name, fallback) => this.getNodeParameter(name, itemIndex, fallback),
		'agent',
	);
	const agentId = readPickedId(this, 'agentId', 'Agent', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = agentBody(fields, 'update');
	const agent = await client.request({
		method: 'PATCH',
		path: `/voice-ai/agents/${agentId}`,
		body,
		scope: 'voice-ai-agents.write',
		subject: { noun: 'agent', id: agentId },
		itemIndex,
		check: answerCarries('agent', agentId, NOT_THE_SUBJECT),
	});
	// A 200/204 without a body still updated the agent: the item keeps naming it.
	return [agentItem(idOf(agent) === undefined ? { id: agentId, ...agent } : agent, output)];
}
