import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createActionProperties } from '../../descriptions/agentActionFields';
import { agentLocator, readPickedId } from '../../descriptions/locators';
import {
	agentActionFieldsProperties,
	agentOutputOptions,
	readAgentOutput,
} from '../../descriptions/agentOutput';
import { optionsCollection } from '../../descriptions/requestOptions';
import { answerCarries } from '../../helpers/agent';
import type { ActionDefinition } from '../../helpers/agentAction';
import { ACTION_PARAMETERS_JSON, fieldsOf, newAction } from '../../helpers/agentAction';
import { ACTION_TYPES } from '../../helpers/constants';
import { oneOf } from '../../helpers/validation';
import { agentActionItem } from '../../output/agentItems';
import type { VoiceAiClient } from '../../transport';
import { NOT_THE_SUBJECT } from '../../transport';

const properties: INodeProperties[] = [
	agentLocator({ description: 'The agent that gets the action' }),
	...createActionProperties,
	...agentActionFieldsProperties,
	optionsCollection(agentOutputOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agentAction'], operation: ['create'] } },
	properties,
);

/**
 * `POST /voice-ai/actions` with `{ agentId, locationId, actionType, name, actionParameters }`
 * (HighLevel answers 201). The parameters are the type's fields plus the JSON, always an object.
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
	const actionType = oneOf(
		'Action Type',
		this.getNodeParameter('actionType', itemIndex),
		ACTION_TYPES,
	);
	const name = this.getNodeParameter('name', itemIndex);
	let action: ActionDefinition;
	if (this.getNodeParameter('defineAction', itemIndex, 'fields') === 'json') {
		const parameters = this.getNodeParameter('actionParameters', itemIndex);
		action = newAction(actionType, name, {}, parameters, ACTION_PARAMETERS_JSON);
	} else {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const values: IDataObject = { ...additional };
		// The type's required fields are parameters of their own, shown for the type picked.
		for (const field of fieldsOf(actionType)) {
			if (field.required.includes(actionType)) {
				values[field.name] = this.getNodeParameter(field.name, itemIndex) as IDataObject[string];
			}
		}
		if (actionType === 'CUSTOM_ACTION' && values.apiMethod === 'GET') {
			values.selectedPaths = this.getNodeParameter('selectedPaths', itemIndex, []) as string[];
		}
		action = newAction(actionType, name, values, additional.additionalParameters);
	}
	const created = await client.request({
		method: 'POST',
		path: '/voice-ai/actions',
		body: { agentId, locationId: client.settings.locationId, ...action },
		locationInQuery: false,
		scope: 'voice-ai-agent-goals.write',
		subject: { noun: 'agent', id: agentId },
		itemIndex,
		check: answerCarries('agent action', undefined, NOT_THE_SUBJECT),
	});
	return [agentActionItem(created, agentId, output)];
}
