import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as agent from './actions/agent/Agent.resource';
import * as agentAction from './actions/agentAction/AgentAction.resource';
import * as callLog from './actions/callLog/CallLog.resource';
import { router } from './actions/router';
import { authenticationProperty } from './descriptions/connection';
import { withToolUse } from './descriptions/toolUse';
import { NODE_VERSIONS } from './descriptions/versions';
import { CREDENTIAL_TYPE, MARKETPLACE_APP_CREDENTIAL_TYPE } from './helpers/constants';
import { listSearch } from './methods';
import { isToolUse, runAsTool } from './output/toolOutput';

export class HighLevelVoiceAi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HighLevel Voice AI',
		name: 'highLevelVoiceAi',
		icon: { light: 'file:highLevelVoiceAi.svg', dark: 'file:highLevelVoiceAi.dark.svg' },
		group: ['input'],
		version: NODE_VERSIONS,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Turn HighLevel Voice AI call logs into workflow items, one per action the AI agent executed, and manage Voice AI agents and their actions',
		defaults: { name: 'HighLevel Voice AI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
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
		properties: withToolUse([
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Agent', value: 'agent' },
					{ name: 'Agent Action', value: 'agentAction' },
					{ name: 'Call Log', value: 'callLog' },
				],
				// Workflows saved before agents existed rely on this default.
				default: 'callLog',
			},
			...agent.description,
			...agentAction.description,
			...callLog.description,
		]),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (isToolUse(this.getNode())) return await runAsTool(this, router);
		return await router.call(this);
	}
}
