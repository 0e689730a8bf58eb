// `node:http` for the Lambda bundles, as CommonJS sees it (lib/bundling.ts says why).
// process.getBuiltinModule returns the module itself: no ES module facade, and no `require` that
// the bundler would route back here.
module.exports = process.getBuiltinModule('node:http');
