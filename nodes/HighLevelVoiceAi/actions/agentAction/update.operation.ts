import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { updateActionProperties } from '../../descriptions/agentActionFields';
import { agentActionLocator, agentLocator, readPickedId } from '../../descriptions/locators';
import {
	agentActionFieldsProperties,
	agentOutputOptions,
	readAgentOutput,
} from '../../descriptions/agentOutput';
import { optionsCollection } from '../../descriptions/requestOptions';
import { answerCarries, idOf } from '../../helpers/agent';
import { actionChanges, updatedAction } from '../../helpers/agentAction';
import { agentActionItem } from '../../output/agentItems';
import type { VoiceAiClient } from '../../transport';
import { NOT_THE_SUBJECT } from '../../transport';

const properties: INodeProperties[] = [
	agentLocator({ description: 'The agent the action belongs to' }),
	agentActionLocator(),
	...updateActionProperties,
	...agentActionFieldsProperties,
	optionsCollection(agentOutputOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agentAction'], operation: ['update'] } },
	properties,
);

/**
 * HighLevel's update (`PUT /voice-ai/actions/{actionId}`) replaces the whole action. So that
 * "Update" changes only what the user added, the action is read first (`GET`, a read that may be
 * retried) and the changes are merged onto it; the PUT carries the location in its body.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: VoiceAiClient,
): Promise<INodeExecutionData[]> {
	const output = readAgentOutput(
		(name, fallback) => this.getNodeParameter(name, itemIndex, fallback),
		'agentAction',
	);
	const agentId = readPickedId(this, 'agentId', 'Agent', itemIndex);
	const actionId = readPickedId(this, 'actionId', 'Action', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	// Everything the user entered is checked before the first request.
	const changes = actionChanges(
		this.getNodeParameter('actionType', itemIndex),
		fields,
		fields.additionalParameters,
	);
	const subject = { noun: 'agent action', id: actionId };
	const check = answerCarries('agent action', actionId, NOT_THE_SUBJECT);
	const current = await client.request({
		path: `/voice-ai/actions/${actionId}`,
		scope: 'voice-ai-agent-goals.readonly',
		subject,
		itemIndex,
		check,
	});
	const action = updatedAction(current, changes);
	const updated = await client.request({
		method: 'PUT',
		path: `/voice-ai/actions/${actionId}`,
		body: { agentId, locationId: client.settings.locationId, ...action },
		locationInQuery: false,
		scope: 'voice-ai-agent-goals.write',
		subject,
		itemIndex,
		check,
	});
	// A 200/204 without a body still replaced the action with what was sent: output that.
	const answer = idOf(updated) === undefined ? { id: actionId, ...action } : updated;
	return [agentActionItem(answer, agentId, output)];
}
