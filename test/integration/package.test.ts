import type { INodeType } from 'n8n-workflow';

import { CREDENTIAL_TYPE, loadPackage, OAUTH2_CREDENTIAL_TYPE, runNode } from '../harness/n8n';
import { credentialsFor, useSandbox } from '../harness/sandbox';

describe('the built package, as n8n loads it', () => {
	it('loads the node, both triggers and both credentials through PackageDirectoryLoader', async () => {
		const { loader } = await loadPackage();
		expect(Object.keys(loader.nodeTypes).sort()).toEqual([
			'highLevelVoiceAi',
			'highLevelVoiceAiTrigger',
			'highLevelVoiceAiWebhookTrigger',
		]);
		expect(Object.keys(loader.credentialTypes).sort()).toEqual(
			[CREDENTIAL_TYPE, OAUTH2_CREDENTIAL_TYPE].sort(),
		);

		const { description } = loader.nodeTypes.highLevelVoiceAi.type as INodeType;
		expect(description).toMatchObject({
			name: 'highLevelVoiceAi',
			usableAsTool: true,
			inputs: ['main'],
			outputs: ['main'],
			credentials: [
				{
					name: CREDENTIAL_TYPE,
					required: true,
					displayOptions: { show: { authentication: ['privateIntegrationToken'] } },
				},
				{
					name: OAUTH2_CREDENTIAL_TYPE,
					required: true,
					displayOptions: { show: { authentication: ['oAuth2'] } },
				},
			],
		});
		// The loader turns `file:` icons into URLs only when the files exist next to dist/.
		expect(description.iconUrl).toEqual({
			light: 'icons/n8n-nodes-highlevel-voice-ai/dist/nodes/HighLevelVoiceAi/highLevelVoiceAi.svg',
			dark: 'icons/n8n-nodes-highlevel-voice-ai/dist/nodes/HighLevelVoiceAi/highLevelVoiceAi.dark.svg',
		});
	});

	it('loads the polling trigger as n8n expects a trigger, with the same icons and credential', async () => {
		const { loader } = await loadPackage();
		const { type, sourcePath } = loader.nodeTypes.highLevelVoiceAiTrigger;
		const trigger = type as INodeType;
		expect(sourcePath).toMatch(/dist\/nodes\/HighLevelVoiceAi\/HighLevelVoiceAiTrigger\.node\.js$/);
		expect(trigger.description).toMatchObject({
			displayName: 'HighLevel Voice AI Trigger',
			name: 'highLevelVoiceAiTrigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			outputs: ['main'],
			credentials: [
				expect.objectContaining({ name: CREDENTIAL_TYPE }),
				expect.objectContaining({ name: OAUTH2_CREDENTIAL_TYPE }),
			],
		});
		expect(trigger.description.usableAsTool).toBeUndefined();
		expect(typeof trigger.poll).toBe('function');
		expect(trigger.description.iconUrl).toEqual(
			(loader.nodeTypes.highLevelVoiceAi.type as INodeType).description.iconUrl,
		);
		// The loader adds n8n's "Poll Times" to every polling node.
		const names = trigger.description.properties.map((p) => p.name);
		expect(names).toEqual([
			'pollTimes',
			'authentication',
			'event',
			'callType',
			'filters',
			'output',
			'fields',
			'fields',
			'selectedCallFields',
			'selectedExecutedActionFields',
			'options',
		]);
		const event = trigger.description.properties.find((p) => p.name === 'event');
		expect(event?.options).toEqual([
			expect.objectContaining({ name: 'New Call', value: 'newCall' }),
		]);
	});

	it('gives the node and both triggers versions 1 and 1.1, version 1.1 for new nodes', async () => {
		const { loader } = await loadPackage();
		for (const { type } of Object.values(loader.nodeTypes)) {
			const { description } = type as INodeType;
			expect(description.version).toEqual([1, 1.1]);
			// Without a defaultVersion, n8n adds a node at its highest version.
			expect(description.defaultVersion).toBeUndefined();
		}
	});

	it('loads the webhook trigger with the same icons, a trigger with no inputs', async () => {
		const { loader } = await loadPackage();
		const node = loader.nodeTypes.highLevelVoiceAi.type as INodeType;
		const trigger = loader.nodeTypes.highLevelVoiceAiWebhookTrigger.type as INodeType;
		expect(trigger.description).toMatchObject({
			name: 'highLevelVoiceAiWebhookTrigger',
			group: ['trigger'],
			inputs: [],
			outputs: ['main'],
		});
		expect(trigger.description.iconUrl).toEqual(node.description.iconUrl);
		expect(typeof trigger.webhook).toBe('function');
	});

	it('describes the credential with a password token, the location, version and base URL', async () => {
		const { credentialType } = await loadPackage();
		const fields = Object.fromEntries(credentialType.properties.map((p) => [p.name, p]));
		expect(fields.token).toMatchObject({
			displayName: 'Private Integration Token',
			typeOptions: { password: true },
		});
		// A first-time user sees the token and the location; the rest is behind Advanced Settings.
		expect(fields.apiVersion.displayOptions).toEqual({ show: { advanced: [true] } });
		expect(fields.baseUrl.displayOptions).toEqual({ show: { advanced: [true] } });
		expect(fields.apiVersion.default).toBe('2021-04-15');
		expect((fields.apiVersion.options as Array<{ value: string }>).map((o) => o.value)).toEqual([
			'2021-04-15',
			'v3',
		]);
		expect(fields.baseUrl.default).toBe('https://services.leadconnectorhq.com');
		expect(fields.locationId.required).toBe(true);
	});
});

describe('the credential test ("Test credential" button), run by n8n-core RoutingNode', () => {
	const sandboxOf = useSandbox();

	const test = async (overrides: Record<string, unknown> = {}) =>
		await runNode({
			nodeType: 'credentialTest',
			parameters: {},
			credentials: credentialsFor(sandboxOf(), overrides),
		});

	it('passes with a token that has the scope and the location, with one cheap request', async () => {
		const { error } = await test();
		expect(error).toBeUndefined();
		expect(sandboxOf().requests).toHaveLength(1);
		expect(sandboxOf().requests[0]).toMatchObject({
			path: '/voice-ai/dashboard/call-logs',
			query: { locationId: sandboxOf().locationId, pageSize: '1' },
		});
		expect(sandboxOf().requests[0].headers).toMatchObject({
			authorization: `Bearer ${sandboxOf().token}`,
			version: '2021-04-15',
		});
	});

	it.each([
		['a wrong token', { token: 'pit-wrong' }, '401'],
		['a token without the Voice AI scope', { token: 'pit-no-voice-ai-scope' }, '401'],
		['another location', { locationId: 'SOMEOTHERLOCATION' }, '403'],
		['an unpublished version', { apiVersion: '1999-01-01' }, '401'],
	])('fails with %s', async (_label, overrides, httpCode) => {
		const { error } = await test(overrides);
		expect(error?.httpCode).toBe(httpCode);
	});
});

describe('the OAuth2 credential, as n8n loads it', () => {
	it("extends oAuth2Api with HighLevel's token URL, body authentication and the node's scopes", async () => {
		const { credentialTypes } = await loadPackage();
		const type = credentialTypes[OAUTH2_CREDENTIAL_TYPE];
		expect(type.extends).toEqual(['oAuth2Api']);
		const fields = Object.fromEntries(type.properties.map((p) => [p.name, p]));
		expect(fields.grantType).toMatchObject({ type: 'hidden', default: 'authorizationCode' });
		expect(fields.authentication).toMatchObject({ type: 'hidden', default: 'body' });
		expect(fields.accessTokenUrl.type).toBe('hidden');
		expect(fields.accessTokenUrl.default).toContain(
			'https://services.leadconnectorhq.com/oauth/token',
		);
		expect((fields.authUrl.options as Array<{ value: string }>).map((o) => o.value)).toEqual([
			'https://marketplace.gohighlevel.com/oauth/chooselocation',
			'https://marketplace.leadconnectorhq.com/oauth/chooselocation',
		]);
		expect(String(fields.scope.default).split(' ')).toEqual([
			'voice-ai-dashboard.readonly',
			'voice-ai-agents.readonly',
			'voice-ai-agents.write',
			'voice-ai-agent-goals.readonly',
			'voice-ai-agent-goals.write',
			'conversations/message.readonly',
		]);
	});
});

describe('request option defaults', () => {
	it("are the transport's defaults", async () => {
		const { DEFAULT_TRANSPORT_OPTIONS } = await import('../../nodes/HighLevelVoiceAi/transport');
		const { requestOptions } = await import(
			'../../nodes/HighLevelVoiceAi/descriptions/requestOptions'
		);
		const defaults = Object.fromEntries(requestOptions.map((o) => [o.name, o.default]));
		expect(defaults).toEqual({
			maxConcurrency: DEFAULT_TRANSPORT_OPTIONS.maxConcurrency,
			maxRateLimitWait: DEFAULT_TRANSPORT_OPTIONS.maxRateLimitWaitMs,
			maxRetries: DEFAULT_TRANSPORT_OPTIONS.maxRetries,
			timeout: DEFAULT_TRANSPORT_OPTIONS.timeoutMs,
		});
	});
});
