// Copies the node and credential icons next to the compiled files, where n8n's loader looks for
// them (`icon: 'file:…'` is resolved relative to the compiled .js file).
const { task, src, dest, parallel } = require('gulp');

const copyNodeIcons = () => src('nodes/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/nodes'));
const copyCredentialIcons = () =>
	src('credentials/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/credentials'));

task('build:icons', parallel(copyNodeIcons, copyCredentialIcons));
