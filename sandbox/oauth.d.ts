import type { Sandbox } from './server';

export declare const DEFAULT_APP: { clientId: string; clientSecret: string; refreshToken: string };
export declare function signedInCredential(
	sandbox: Sandbox,
	accessToken?: string,
): Record<string, unknown> & { oauthTokenData: Record<string, unknown> };
