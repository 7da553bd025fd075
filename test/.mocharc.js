// End-to-end suite. E2E_SPEC=idle (a file name's stem) runs one file, for development.
const only = process.env.E2E_SPEC;
module.exports = {
  spec: only ? [`dist/e2e/${only}.test.js`] : ['dist/e2e/**/*.test.js'],
  require: ['dist/e2e/hooks.js'],
  timeout: 120000,
  forbidOnly: true,
};
