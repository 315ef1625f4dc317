/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }],
	},
	// Integration suites start real n8n-core executions against a loopback server.
	testTimeout: 30000,
	setupFiles: ['<rootDir>/test/harness/fast-check-seed.js'],
	reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
};
