import { connectionProperties } from '../nodes/HighLevelVoiceAi/descriptions/connection';
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
			// `token` is kept as the name so saved credentials keep working.
			displayName: 'Private Integration Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'From the sub-account: Settings > Private Integrations > Create new Integration, with the Voice AI scopes you need (View Voice AI Dashboard for call logs). A sub-account OAuth access token works too.',
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
		...connectionProperties,
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
			baseURL:
				'={{$credentials.advanced && $credentials.baseUrl ? $credentials.baseUrl : "https://services.leadconnectorhq.com"}}',
			url: '/voice-ai/dashboard/call-logs',
			method: 'GET',
			headers: { Version: '={{$credentials.advanced ? $credentials.apiVersion : "2021-04-15"}}' },
			qs: { locationId: '={{$credentials.locationId.trim()}}', pageSize: 1 },
		},
	};
}
