import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { callLogFieldsProperties, outputModeProperty } from './descriptions/callLogOutput';
import { authenticationProperty } from './descriptions/connection';
import { NODE_VERSIONS } from './descriptions/versions';
import { CREDENTIAL_TYPE, MARKETPLACE_APP_CREDENTIAL_TYPE } from './helpers/constants';
import { listSearch } from './methods';
import { pollNewCalls } from './trigger/poll';
import {
	callTypeProperty,
	eventProperty,
	filtersProperty,
	optionsProperty,
} from './trigger/pollParameters';

export class HighLevelVoiceAiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HighLevel Voice AI Trigger',
		name: 'highLevelVoiceAiTrigger',
		icon: { light: 'file:highLevelVoiceAi.svg', dark: 'file:highLevelVoiceAi.dark.svg' },
		group: ['trigger'],
		version: NODE_VERSIONS,
		subtitle: '={{$parameter["event"] === "newCall" ? "New Call" : $parameter["event"]}}',
		description:
			'Starts the workflow when a HighLevel Voice AI call ends and its log appears: every call exactly once',
		defaults: { name: 'HighLevel Voice AI Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: CREDENTIAL_TYPE,
				required: true,
				displayOptions: { show: { authentication: ['privateIntegrationToken'] } },
			},
			{
				name: MARKETPLACE_APP_CREDENTIAL_TYPE,
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		properties: [
			authenticationProperty,
			eventProperty,
			callTypeProperty,
			filtersProperty,
			outputModeProperty('callLogs'),
			...callLogFieldsProperties(),
			optionsProperty,
		],
	};

	methods = { listSearch: { searchAgents: listSearch.searchAgents } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollNewCalls.call(this);
	}
}
