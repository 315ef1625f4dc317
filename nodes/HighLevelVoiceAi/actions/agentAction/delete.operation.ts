import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { agentActionLocator, agentLocator, readPickedId } from '../../descriptions/locators';
import { optionsCollection } from '../../descriptions/requestOptions';
import type { VoiceAiClient } from '../../transport';

const properties: INodeProperties[] = [
	agentLocator({ description: 'The agent the action belongs to' }),
	agentActionLocator(),
	optionsCollection([]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agentAction'], operation: ['delete'] } },
	properties,
);

/** `DELETE /voice-ai/actions/{actionId}?locationId&agentId`; HighLevel answers 204. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: VoiceAiClient,
): Promise<INodeExecutionData[]> {
	const agentId = readPickedId(this, 'agentId', 'Agent', itemIndex);
	const actionId = readPickedId(this, 'actionId', 'Action', itemIndex);
	await client.request({
		method: 'DELETE',
		path: `/voice-ai/actions/${actionId}`,
		qs: { agentId },
		scope: 'voice-ai-agent-goals.write',
		subject: { noun: 'agent action', id: actionId },
		itemIndex,
	});
	return [{ json: { deleted: true, id: actionId, agentId } }];
}
