#!/usr/bin/env node
/**
 * isobar-check-config FILE
 *
 * Validates a site config. On success prints the normalised config (every
 * default filled in) as JSON on stdout and exits 0; otherwise prints each
 * problem on its own line on stderr and exits 2. The hub's Python config
 * runs this rather than validating the file a second time, so there is one
 * validator and one set of defaults. It also loads the selector plugin
 * and every role provider with their options, so an unknown plugin or a bad
 * option stops the hub at start instead of failing every spawn (or every
 * role lookup) later.
 */
import { ConfigError, PluginError } from '../errors';
import { loadSelector } from '../selector-loader';
import { loadSiteConfig, loadSiteRoleProviders } from '../site-config';

const EXIT_INVALID = 2;

function main(argv: readonly string[]): number {
  if (argv.length !== 1 || argv[0] === undefined || argv[0].startsWith('-')) {
    process.stderr.write('usage: isobar-check-config FILE\n');
    return EXIT_INVALID;
  }
  try {
    const config = loadSiteConfig(argv[0]);
    loadSelector(config.selector.plugin, config.selector.options, { configFile: argv[0], optionsKey: 'selector.options' });
    loadSiteRoleProviders(config, argv[0]);
    process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ConfigError) && !(err instanceof PluginError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return EXIT_INVALID;
  }
}

process.exitCode = main(process.argv.slice(2));
