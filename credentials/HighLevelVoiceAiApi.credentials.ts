import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * A HighLevel sub-account token (Private Integration Token, or a sub-account OAuth access token)
 * with the Location ID it belongs to. Only the token is applied here: the node's transport adds
 * the `Version` header and the `locationId` (validated, trimmed) to each request itself, so the
 * value it checks is the value it sends, whatever credential type authenticates it.
 */
export class HighLevelVoiceAiApi implements ICredentialType {
	name = 'highLevelVoiceAiApi';

	displayName = 'HighLevel Voice AI API';

	icon: Icon = {
		light: 'file:highLevelVoiceAi.svg',
		dark: 'file:highLevelVoiceAi.dark.svg',
	};

	documentationUrl =
		'https://github.com/highlevel-voice-ai/n8n-nodes-highlevel-voice-ai#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A Private Integration Token of the sub-account (Settings > Private Integrations) with the scope voice-ai-dashboard.readonly, or a sub-account access token',
		},
		{
			displayName: 'Location ID',
			name: 'locationId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. ve9EPM428h8vShlRW1KT',
			description:
				'The sub-account the token belongs to. In HighLevel: Settings > Business Profile, or the ID after /location/ in the address bar.',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			default: '2021-04-15',
			options: [
				{ name: '2021-04-15 (Documented for Voice AI)', value: '2021-04-15' },
				{ name: 'V3', value: 'v3' },
			],
			description: 'Sent as the Version header on every request',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://services.leadconnectorhq.com',
			description: 'Change only to go through a proxy or to use a local sandbox',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.token.trim()}}',
			},
		},
	};

	// One cheap read that needs a valid token, the Voice AI dashboard scope and access to the
	// location at once: the newest call log of the location.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/voice-ai/dashboard/call-logs',
			method: 'GET',
			headers: { Version: '={{$credentials.apiVersion}}' },
			qs: { locationId: '={{$credentials.locationId.trim()}}', pageSize: 1 },
		},
	};
}
