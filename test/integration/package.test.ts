import type { INodeType } from 'n8n-workflow';

import { CREDENTIAL_TYPE, loadPackage, runNode } from '../harness/n8n';
import { credentialsFor, useSandbox } from '../harness/sandbox';

describe('the built package, as n8n loads it', () => {
	it('loads the node, the webhook trigger and the credential through PackageDirectoryLoader', async () => {
		const { loader } = await loadPackage();
		expect(Object.keys(loader.nodeTypes)).toEqual([
			'highLevelVoiceAi',
			'highLevelVoiceAiWebhookTrigger',
		]);
		expect(Object.keys(loader.credentialTypes)).toEqual([CREDENTIAL_TYPE]);

		const { description } = loader.nodeTypes.highLevelVoiceAi.type as INodeType;
		expect(description).toMatchObject({
			name: 'highLevelVoiceAi',
			usableAsTool: true,
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		});
		// The loader turns `file:` icons into URLs only when the files exist next to dist/.
		expect(description.iconUrl).toEqual({
			light: 'icons/n8n-nodes-highlevel-voice-ai/dist/nodes/HighLevelVoiceAi/highLevelVoiceAi.svg',
			dark: 'icons/n8n-nodes-highlevel-voice-ai/dist/nodes/HighLevelVoiceAi/highLevelVoiceAi.dark.svg',
		});
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
		expect(fields.token.typeOptions).toEqual({ password: true });
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
