import { PackageDirectoryLoader } from 'n8n-core';
import type { INodeTypeDescription } from 'n8n-workflow';

import packageJson from '../../package.json';
import {
	listProjectFiles,
	packAndUnpack,
	packDryRun,
	readProjectFile,
	removeScratch,
} from '../harness/pack';

/**
 * What n8n loads from a community package: the files listed under `n8n` in package.json, the
 * modules they require, each node's codex (`<Name>.node.json` beside it), the icons their
 * descriptions name with `file:`, and JSON schemas under `__schema__/`. npm adds package.json,
 * README and LICENSE. Anything else (declarations, source maps, build info) is dead weight.
 */
const SHIPPED = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE\.md$/,
	/^dist\/(nodes|credentials)\/.+\.js$/,
	/^dist\/nodes\/.+\.node\.json$/,
	/^dist\/(nodes|credentials)\/(.+\/)?__schema__\/.+\.json$/,
	/^dist\/(nodes|credentials)\/.+\.(svg|png)$/,
];

/** The files of today's node and credential, so a broken glob cannot pass by matching nothing. */
const KNOWN = [
	'dist/credentials/HighLevelVoiceAiApi.credentials.js',
	'dist/credentials/highLevelVoiceAi.svg',
	'dist/credentials/highLevelVoiceAi.dark.svg',
	'dist/nodes/HighLevelVoiceAi/HighLevelVoiceAi.node.js',
	'dist/nodes/HighLevelVoiceAi/HighLevelVoiceAi.node.json',
	'dist/nodes/HighLevelVoiceAi/highLevelVoiceAi.svg',
	'dist/nodes/HighLevelVoiceAi/highLevelVoiceAi.dark.svg',
	'dist/nodes/HighLevelVoiceAi/transport/index.js',
];

/** Modules shipped code may require from outside the package: the peer and Node built-ins. */
const EXTERNAL_MODULES = ['n8n-workflow', 'crypto', 'node:crypto'];

const posixDirname = (file: string) => file.slice(0, file.lastIndexOf('/'));

/** Resolves `./x` or `../x` against a packed file's folder, as POSIX paths inside the package. */
function resolveRelative(fromFile: string, target: string): string {
	const parts = posixDirname(fromFile).split('/');
	for (const part of target.split('/')) {
		if (part === '..') parts.pop();
		else if (part !== '.') parts.push(part);
	}
	return parts.join('/');
}

describe('the npm tarball', () => {
	const dist = listProjectFiles('dist');
	const packed = packDryRun();
	const isPacked = (file: string) => packed.files.includes(file);
	const packedJs = packed.files.filter((file) => file.endsWith('.js'));

	it('is checked against a build (npm run build first)', () => {
		expect(dist).toContain(packageJson.n8n.nodes[0]);
	});

	it('ships only what n8n loads, plus package.json, README and license', () => {
		expect(packed.files.filter((file) => !SHIPPED.some((rule) => rule.test(file)))).toEqual([]);
		expect(packed.files.filter((file) => /\.(map|d\.ts|tsbuildinfo)$/.test(file))).toEqual([]);
		expect(packed.files).not.toContain('dist/package.json');
		expect(packed.files).toEqual(
			expect.arrayContaining(['package.json', 'README.md', 'LICENSE.md']),
		);
		expect(packed.entryCount).toBe(packed.files.length);
	});

	it('ships the known node, codex, credential and icon files', () => {
		expect(packed.files).toEqual(expect.arrayContaining(KNOWN));
	});

	it('ships every node and credential that package.json registers with n8n', () => {
		const registered = [...packageJson.n8n.nodes, ...packageJson.n8n.credentials];
		expect(registered.length).toBeGreaterThan(0);
		expect(registered.filter((file) => !isPacked(file))).toEqual([]);
	});

	it('ships every compiled module, codex, schema and icon the build produced', () => {
		const loadable = dist.filter(
			(file) =>
				/\.(js|svg|png)$/.test(file) ||
				file.endsWith('.node.json') ||
				file.includes('/__schema__/'),
		);
		expect(loadable.filter((file) => !isPacked(file))).toEqual([]);
	});

	it('gives every node its codex file beside it', () => {
		const nodes = packedJs.filter((file) => file.endsWith('.node.js'));
		expect(nodes.length).toBeGreaterThan(0);
		expect(nodes.filter((file) => !isPacked(file.replace(/\.js$/, '.json')))).toEqual([]);
	});

	it('resolves every require of shipped code inside the tarball or to n8n-workflow', () => {
		const unresolved: string[] = [];
		const external = new Set<string>();
		for (const file of packedJs) {
			for (const [, target] of readProjectFile(file).matchAll(/require\("([^"]+)"\)/g)) {
				if (!target.startsWith('.')) {
					external.add(target);
					continue;
				}
				const base = resolveRelative(file, target);
				const candidates = [base, `${base}.js`, `${base}.json`, `${base}/index.js`];
				if (!candidates.some(isPacked)) unresolved.push(`${file} -> ${target}`);
			}
		}
		expect(unresolved).toEqual([]);
		expect([...external].filter((module) => !EXTERNAL_MODULES.includes(module))).toEqual([]);
	});

	it('ships every icon that shipped code names with file:', () => {
		const missing: string[] = [];
		let icons = 0;
		for (const file of packedJs) {
			for (const [, icon] of readProjectFile(file).matchAll(/['"]file:([^'"]+)['"]/g)) {
				icons++;
				const target = resolveRelative(file, icon);
				if (!isPacked(target)) missing.push(`${file} -> ${icon}`);
			}
		}
		expect(icons).toBeGreaterThan(0);
		expect(missing).toEqual([]);
	});
});

describe('the unpacked tarball alone, loaded by n8n-core', () => {
	let unpacked: string;
	let loader: PackageDirectoryLoader;

	beforeAll(async () => {
		unpacked = packAndUnpack();
		loader = new PackageDirectoryLoader(unpacked);
		await loader.loadAll();
	});

	afterAll(() => unpacked && removeScratch(unpacked));

	it('has the node with its codex and both icons, and the credential with its icons', () => {
		expect(Object.keys(loader.nodeTypes).sort()).toEqual([
			'highLevelVoiceAi',
			'highLevelVoiceAiTrigger',
			'highLevelVoiceAiWebhookTrigger',
		]);
		const description = loader.nodeTypes.highLevelVoiceAi.type.description as INodeTypeDescription;
		expect(description.codex?.categories).toEqual(['Communication', 'Sales']);
		expect(description.iconUrl).toEqual({
			light: expect.stringMatching(/highLevelVoiceAi\.svg$/),
			dark: expect.stringMatching(/highLevelVoiceAi\.dark\.svg$/),
		});
		const credential = loader.credentialTypes.highLevelVoiceAiApi.type;
		expect(credential.iconUrl).toEqual({
			light: expect.stringMatching(/highLevelVoiceAi\.svg$/),
			dark: expect.stringMatching(/highLevelVoiceAi\.dark\.svg$/),
		});
	});
});

describe('package metadata', () => {
	const REPOSITORY = 'https://github.com/highlevel-voice-ai/n8n-nodes-highlevel-voice-ai';

	it('points repository, homepage and bugs at one public GitHub repository', () => {
		expect(packageJson.repository).toEqual({ type: 'git', url: `git+${REPOSITORY}.git` });
		expect(packageJson.homepage).toBe(`${REPOSITORY}#readme`);
		expect(packageJson.bugs).toEqual({ url: `${REPOSITORY}/issues` });
	});

	it('names the same repository wherever the codex, credential, README and SECURITY link to it', () => {
		const files = [
			'nodes/HighLevelVoiceAi/HighLevelVoiceAi.node.json',
			'credentials/HighLevelVoiceAiApi.credentials.ts',
			'README.md',
			'SECURITY.md',
		];
		for (const file of files) {
			const links = [
				...readProjectFile(file).matchAll(/github\.com\/[\w.-]+\/n8n-nodes-highlevel-voice-ai\b/g),
			].map(([link]) => `https://${link}`);
			if (!file.endsWith('.md')) expect(links.length).toBeGreaterThan(0);
			expect(links.filter((link) => link !== REPOSITORY)).toEqual([]);
		}
	});
});
