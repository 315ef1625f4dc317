import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { OAUTH2_CREDENTIAL_TYPE, runNode } from '../../harness/n8n';
import { oauth2CredentialsFor, SEED_CALL_ID, useSandbox } from '../../harness/sandbox';

// OAuth2 through n8n-core's real OAuth2 handling (requestOAuth2: signing, renewal on a 401,
// storing the renewed token data), against the sandbox's Marketplace app token endpoint.

describe('the OAuth2 credential (Marketplace app)', () => {
	const sandboxOf = useSandbox();

	const getCallLog = async (credentials: ICredentialDataDecryptedObject, callId = SEED_CALL_ID) =>
		await runNode({
			parameters: {
				authentication: 'oAuth2',
				resource: 'callLog',
				operation: 'get',
				callId,
				output: 'callLogs',
				options: { maxRetries: 0, timeout: 5000 },
			},
			credentials,
			credentialType: OAUTH2_CREDENTIAL_TYPE,
		});

	it('signs requests with the access token, the Version header and the location HighLevel sent', async () => {
		const sandbox = sandboxOf();
		const credentials = oauth2CredentialsFor(sandbox);
		const { items, error } = await getCallLog(credentials);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual([SEED_CALL_ID]);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].headers).toMatchObject({
			authorization: 'Bearer sandbox-oauth-access-signed-in',
			version: '2021-04-15',
		});
		expect(sandbox.requests[0].query.locationId).toBe(sandbox.locationId);
	});

	it('renews an expired access token once, with the client credentials in the body, and goes on', async () => {
		const sandbox = sandboxOf();
		const credentials = oauth2CredentialsFor(sandbox);
		sandbox.oauth.expireAccessTokens();

		const result = await getCallLog(credentials);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(sandbox.oauth.tokenRequests).toEqual([
			expect.objectContaining({
				grant_type: 'refresh_token',
				refresh_token: sandbox.oauth.config.refreshToken,
				client_id: sandbox.oauth.config.clientId,
				client_secret: '[present]',
			}),
		]);
		// The refused request, the renewal (credentials in the body, no Authorization header), then
		// the same request with the new token.
		expect(
			sandbox.requests.map((request) => [request.path, request.headers.authorization]),
		).toEqual([
			[`/voice-ai/dashboard/call-logs/${SEED_CALL_ID}`, 'Bearer sandbox-oauth-access-signed-in'],
			['/oauth/token', undefined],
			[`/voice-ai/dashboard/call-logs/${SEED_CALL_ID}`, 'Bearer sandbox-oauth-access-1'],
		]);
		expect(result.tokenUpdates).toBe(1);
		const renewed = result.credentials.oauthTokenData as Record<string, unknown>;
		expect([renewed.access_token, renewed.refresh_token]).toEqual([
			'sandbox-oauth-access-1',
			'sandbox-refresh-token-1',
		]);
	});

	it('says to reconnect when HighLevel refuses to renew the token', async () => {
		const sandbox = sandboxOf();
		const credentials = oauth2CredentialsFor(sandbox);
		sandbox.oauth.expireAccessTokens();
		sandbox.oauth.revokeRefreshTokens();

		const { error, items } = await getCallLog(credentials);

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'HighLevel no longer accepts this OAuth2 connection: reconnect the credential',
		);
		expect(error?.description).toMatch(/click "Reconnect"/);
		expect(JSON.stringify(error)).not.toContain(sandbox.oauth.config.clientSecret);
	});

	it('names the missing scope after the renewal did not help', async () => {
		const sandbox = sandboxOf();
		const credentials = oauth2CredentialsFor(sandbox);
		sandbox.setOption('tokensWithoutScope', [
			'sandbox-oauth-access-signed-in',
			'sandbox-oauth-access-1',
		]);
		try {
			const { error } = await getCallLog(credentials);
			expect(error?.message).toBe('The token is missing the voice-ai-dashboard.readonly scope');
			expect(error?.httpCode).toBe('401');
		} finally {
			sandbox.setOption('tokensWithoutScope', ['pit-no-voice-ai-scope']);
		}
	});

	it('uses the Location ID set in the credential over the one in the token data', async () => {
		const sandbox = sandboxOf();
		const { error } = await getCallLog(
			oauth2CredentialsFor(sandbox, { locationId: 'otherLocation123' }),
		);
		expect(error?.message).toBe('The token has no access to this location');
		expect(sandbox.requests[0].query.locationId).toBe('otherLocation123');
	});

	it('asks for a Location ID, sending nothing, when neither the token data nor the credential has one', async () => {
		const sandbox = sandboxOf();
		const credentials = oauth2CredentialsFor(sandbox);
		delete (credentials.oauthTokenData as Record<string, unknown>).locationId;

		const { error } = await getCallLog(credentials);

		expect(error?.message).toBe('Location ID (in the credential) is empty [item 0]');
		expect(error?.description).toMatch(/Sub-Account app/);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('never shows the access or refresh token in an error, even when HighLevel echoes it', async () => {
		const sandbox = sandboxOf();
		const { error } = await getCallLog(oauth2CredentialsFor(sandbox), 'fault-echo-auth');
		expect(error?.message).toMatch(/Bearer \[REDACTED\]$/);
		expect(JSON.stringify(error)).not.toContain('sandbox-oauth-access-signed-in');
	});
});
