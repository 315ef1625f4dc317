import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { agentLocator, readPickedId } from '../../descriptions/locators';
import { optionsCollection } from '../../descriptions/requestOptions';
import type { VoiceAiClient } from '../../transport';

const properties: INodeProperties[] = [agentLocator(), optionsCollection([])];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['delete'] } },
	properties,
);

/** `DELETE /voice-ai/agents/{agentId}`; HighLevel answers 204 without a body. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: VoiceAiClient,
): Promise<INodeExecutionData[]> {
	const agentId = readPickedId(this, 'agentId', 'Agent', itemIndex);
	await client.request({
		method: 'DELETE',
		path: `/voice-ai/agents/${agentId}`,
		scope: 'voice-ai-agents.write',
		subject: { noun: 'agent', id: agentId },
		itemIndex,
	});
	return [{ json: { deleted: true, id: agentId } }];
}
