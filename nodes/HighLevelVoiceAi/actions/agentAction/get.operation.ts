import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	agentActionFieldsProperties,
	agentOutputOptions,
	readAgentOutput,
} from '../../descriptions/agentOutput';
import { agentActionLocator, agentLocator, readPickedId } from '../../descriptions/locators';
import { optionsCollection } from '../../descriptions/requestOptions';
import { answerCarries } from '../../helpers/agent';
import { optionalId } from '../../helpers/validation';
import { agentActionItem } from '../../output/agentItems';
import type { VoiceAiClient } from '../../transport';
import { NOT_THE_SUBJECT } from '../../transport';

const properties: INodeProperties[] = [
	agentLocator({
		required: false,
		description:
			'The agent the action belongs to: it lists the actions under "From List" and is added to the output. HighLevel does not need it to read the action.',
	}),
	agentActionLocator(),
	...agentActionFieldsProperties,
	optionsCollection(agentOutputOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agentAction'], operation: ['get'] } },
	properties,
);

/** `GET /voice-ai/actions/{actionId}`: the action's type, name and parameters. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: VoiceAiClient,
): Promise<INodeExecutionData[]> {
	const agentId = optionalId(
		'Agent',
		this.getNodeParameter('agentId', itemIndex, '', { extractValue: true }),
	);
	const actionId = readPickedId(this, 'actionId', 'Action', itemIndex);
	const output = readAgentOutput(
		(name, fallback) => this.getNodeParameter(name, itemIndex, fallback),
		'agentAction',
	);
	const action = await client.request({
		path: `/voice-ai/actions/${actionId}`,
		scope: 'voice-ai-agent-goals.readonly',
		subject: { noun: 'agent action', id: actionId },
		itemIndex,
		check: answerCarries('agent action', actionId, NOT_THE_SUBJECT),
	});
	return [agentActionItem(action, agentId, output)];
}
