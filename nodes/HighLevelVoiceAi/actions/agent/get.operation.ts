import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	agentFieldsProperties,
	agentOutputOptions,
	readAgentOutput,
} from '../../descriptions/agentOutput';
import { agentLocator, readPickedId } from '../../descriptions/locators';
import { optionsCollection } from '../../descriptions/requestOptions';
import { answerCarries } from '../../helpers/agent';
import { agentItem } from '../../output/agentItems';
import type { VoiceAiClient } from '../../transport';
import { NOT_THE_SUBJECT } from '../../transport';

const properties: INodeProperties[] = [
	agentLocator(),
	...agentFieldsProperties,
	optionsCollection(agentOutputOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['get'] } },
	properties,
);

/** `GET /voice-ai/agents/{agentId}`: the agent with its settings and its actions. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: VoiceAiClient,
): Promise<INodeExecutionData[]> {
	const agentId = readPickedId(this, 'agentId', 'Agent', itemIndex);
	const output = readAgentOutput(
		(name, fallback) => this.getNodeParameter(name, itemIndex, fallback),
		'agent',
	);
	const agent = await client.request({
		path: `/voice-ai/agents/${agentId}`,
		scope: 'voice-ai-agents.readonly',
		subject: { noun: 'agent', id: agentId },
		itemIndex,
		check: answerCarries('agent', agentId, NOT_THE_SUBJECT),
	});
	return [agentItem(agent, output)];
}
