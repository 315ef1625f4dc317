import { appendText, editJson, packAndUnpack, removeScratch, runScan } from '../harness/pack';

// Each case packs and lints: about 5 s on a quiet machine, several times that on a busy one.
jest.setTimeout(120_000);

/**
 * `npm run scan` gates CI and publishing: it must pass the package as packed and fail on what
 * n8n's scanner reports, warnings included. Each case scans its own freshly packed tarball.
 */

describe('npm run scan: the scanner lint legs on a packed tarball', () => {
	const unpackedDirs: string[] = [];
	const freshTarball = () => {
		const dir = packAndUnpack();
		unpackedDirs.push(dir);
		return dir;
	};

	afterAll(() => unpackedDirs.forEach(removeScratch));

	it('passes the tarball as built, with no errors and no warnings', () => {
		const { code, output } = runScan(['--unpacked', freshTarball()]);
		expect(output).toMatch(/ok {3}tarball leg: \d+ files .*, 0 errors, 0 warnings/);
		expect(output).toContain('scan: 1 passed, 0 failed');
		expect(code).toBe(0);
	});

	it('fails a tarball with an install script, a runtime dependency and a console call', () => {
		const dir = freshTarball();
		editJson(`${dir}/package.json`, (data) => {
			data.scripts = { postinstall: 'node setup.js' };
			data.dependencies = { axios: '1.0.0' };
		});
		appendText(`${dir}/dist/nodes/HighLevelVoiceAi/helpers/redact.js`, '\nconsole.log("debug");\n');

		const { code, output } = runScan(['--unpacked', dir]);
		expect(output).toContain('FAIL tarball leg');
		expect(output).toContain('no-forbidden-lifecycle-scripts');
		expect(output).toContain('no-runtime-dependencies');
		expect(output).toContain('no-console');
		expect(output).toContain('scan: 0 passed, 1 failed');
		expect(code).toBe(1);
	});

	it('fails on a warning alone (the scanner itself would pass it)', () => {
		const dir = freshTarball();
		editJson(`${dir}/package.json`, (data) => delete data.homepage);

		const { code, output } = runScan(['--unpacked', dir]);
		expect(output).toMatch(/FAIL tarball leg: .*, 0 errors, 1 warnings/);
		expect(output).toContain('require-homepage');
		expect(code).toBe(1);
	});
});
