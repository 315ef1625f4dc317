import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { connectionProperties } from '../nodes/HighLevelVoiceAi/descriptions/connection';

/**
 * Sign in with HighLevel through the user's own Marketplace app (target: Sub-Account). n8n runs
 * the OAuth2 flow and refreshes the access token; HighLevel's token answer carries the location
 * the app was installed on (`locationId`), which the node uses unless one is set here.
 */
export class HighLevelVoiceAiOAuth2Api implements ICredentialType {
	name = 'highLevelVoiceAiOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'HighLevel Voice AI OAuth2 API';

	icon: Icon = {
		light: 'file:highLevelVoiceAi.svg',
		dark: 'file:highLevelVoiceAi.dark.svg',
	};

	documentationUrl =
		'https://github.com/highlevel-voice-ai/n8n-nodes-highlevel-voice-ai#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'options',
			default: 'https://marketplace.gohighlevel.com/oauth/chooselocation',
			options: [
				{
					name: 'Standard (GoHighLevel)',
					value: 'https://marketplace.gohighlevel.com/oauth/chooselocation',
				},
				{
					name: 'White-Label (LeadConnector)',
					value: 'https://marketplace.leadconnectorhq.com/oauth/chooselocation',
				},
			],
			description: 'The sign-in page: the white-label one shows your agency’s branding',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			// HighLevel's token endpoint, or the one behind a proxy or the sandbox (Advanced Settings).
			default:
				'={{$self["advanced"] && $self["baseUrl"] ? $self["baseUrl"].replace(/\\/+$/, "") + "/oauth/token" : "https://services.leadconnectorhq.com/oauth/token"}}',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			// The same list as OAUTH2_SCOPES (a literal, as n8n's lint wants defaults).
			default:
				'voice-ai-dashboard.readonly voice-ai-agents.readonly voice-ai-agents.write voice-ai-agent-goals.readonly voice-ai-agent-goals.write conversations/message.readonly',
			description:
				'Space-separated scopes; the app must have them too. Call logs need voice-ai-dashboard.readonly, agents voice-ai-agents.*, agent actions voice-ai-agent-goals.*, recordings conversations/message.readonly.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		{
			displayName: 'Location ID',
			name: 'locationId',
			type: 'string',
			default: '',
			placeholder: 'e.g. ve9EPM428h8vShlRW1KT',
			description:
				'Leave empty: HighLevel tells n8n the sub-account when you connect. Set it only if the connection is for a different sub-account than the one HighLevel reports.',
		},
		...connectionProperties,
	];
}
