/**
 * The site config's schema: keys, defaults and per-value checks. Objects are
 * strict so that a misspelt key is an error rather than a silently ignored
 * setting. Checks that relate several values (unique host names) sit on the
 * smallest enclosing object, so that they still run when an unrelated
 * section is wrong and every problem is reported at once.
 */
import { z } from 'zod';
import {
  HOST_NAME,
  absolutePath,
  boolean,
  hostOrIp,
  httpUrl,
  integerIn,
  mappingError,
  nonEmptyString,
  port,
  secondsAbove,
  secondsAtLeast,
  section,
  userName,
} from './fields';
import type { SiteConfig } from './types';

/** Marks an issue whose message already shows the value, so the loader adds no ", got ...". */
const QUOTES_VALUE = { quotesValue: true };

const hub = z
  .object(
    {
      publicUrl: httpUrl().default('http://127.0.0.1:8000'),
      hubIp: hostOrIp().default('127.0.0.1'),
      hubPort: port().default(8081),
      proxyApiPort: port().default(8001),
      stateDir: absolutePath().default('/var/lib/isobar'),
      pollInterval: secondsAbove(0).default(30),
      implicitSpawnSeconds: secondsAbove(0).default(1),
      startTimeout: secondsAbove(0).default(60),
      httpTimeout: secondsAbove(0).default(30),
      admins: z.array(userName(), { invalid_type_error: 'expected a list of user names' }).default([]),
      owners: z.array(userName(), { invalid_type_error: 'expected a list of user names' }).default([]),
      ownerGroups: z.array(userName(), { invalid_type_error: 'expected a list of unix group names' }).default([]),
    },
    mappingError(),
  )
  .strict();

const spawner = z
  .object(
    {
      listenHost: hostOrIp().default('127.0.0.1'),
      listenPort: port().default(8765),
      privateKey: absolutePath().default('/var/lib/isobar/.ssh/id_ed25519'),
      knownHosts: absolutePath().default('/var/lib/isobar/.ssh/known_hosts'),
      launcherCommand: absolutePath().default('/opt/isobar/spawner-ssh/bin/isobar-launcher'),
      maxConnectionsPerHost: integerIn(1, 256).default(8),
      connectionIdleTimeout: secondsAtLeast(0).default(60),
      connectTimeout: secondsAbove(0).default(5),
      launchTimeout: secondsAbove(0).default(20),
      stopTimeout: secondsAbove(0).default(5),
      hostBackoff: secondsAtLeast(0).default(30),
      metricsUser: userName().default('isobar'),
      metricsMaxAge: secondsAtLeast(0).default(5),
    },
    mappingError(),
  )
  .strict();

const host = z
  .object(
    {
      name: z
        .string({ invalid_type_error: 'expected a host name', required_error: 'is required' })
        .regex(HOST_NAME, 'expected lower-case letters, digits and "-", starting with a letter or digit'),
      address: hostOrIp(),
      port: port().default(22),
    },
    mappingError(),
  )
  .strict();

const hosts = z
  .array(host, { invalid_type_error: 'expected a list of hosts', required_error: 'is required: list at least one host' })
  .min(1, 'expected at least one host')
  .superRefine((list, ctx) => {
    const names = new Map<string, number>();
    const endpoints = new Map<string, number>();
    list.forEach((entry, index) => {
      const sameName = names.get(entry.name);
      if (sameName === undefined) names.set(entry.name, index);
      else {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [index, 'name'],
          params: QUOTES_VALUE,
          message: `duplicate host name "${entry.name}" (also hosts[${sameName}].name)`,
        });
      }
      // Two names for one sshd would double its share of spawns and hide its real load.
      const endpoint = `${entry.address.toLowerCase()}:${entry.port}`;
      const sameEndpoint = endpoints.get(endpoint);
      if (sameEndpoint === undefined) endpoints.set(endpoint, index);
      else {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [index, 'address'],
          params: QUOTES_VALUE,
          message: `duplicate address "${entry.address}" port ${entry.port} (also hosts[${sameEndpoint}])`,
        });
      }
    });
  });

const selector = z
  .object(
    {
      plugin: nonEmptyString('a plugin package name or a built-in short name').default('least-loaded'),
      options: z.preprocess((value) => (value === null ? undefined : value), z.record(z.unknown(), mappingError()).default({})),
    },
    mappingError(),
  )
  .strict();

const uiserver = z
  .object(
    {
      idleTimeout: secondsAtLeast(5).default(600),
      keepaliveInterval: secondsAtLeast(1).default(30),
      // Run as the owner on the UI server's host; a bare name is looked up in the launcher's PATH.
      cylcCommand: nonEmptyString('a command: an absolute path or a name found in PATH')
        .regex(/^[^\s]+$/, 'expected a command without spaces or arguments')
        .default('cylc'),
    },
    mappingError(),
  )
  .strict()
  .superRefine((value, ctx) => {
    // A page that pings less often than the timeout would lose its server while someone looks at it.
    if (value.keepaliveInterval >= value.idleTimeout) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['keepaliveInterval'],
        params: QUOTES_VALUE,
        message: `expected less than uiserver.idleTimeout (${value.idleTimeout})`,
      });
    }
  });

const elevation = z
  .object(
    {
      execute: secondsAbove(0).default(900),
      write: secondsAbove(0).default(900),
    },
    mappingError(),
  )
  .strict();

const failedAttempts = z
  .object(
    {
      max: integerIn(1, 1000).default(5),
      window: secondsAbove(0).default(300),
      lockout: secondsAbove(0).default(900),
    },
    mappingError(),
  )
  .strict();

const hubService = z
  .object(
    {
      listenPort: port().default(8770),
      elevation: section(elevation, {}),
      // Whole seconds: grants are JWTs, and authz refuses grants living longer than 300 s.
      grantLifetime: integerIn(1, 300).default(10),
      failedAttempts: section(failedAttempts, {}),
    },
    mappingError(),
  )
  .strict();

const authz = z
  .object(
    {
      siteFile: absolutePath().default('/etc/isobar/authz.yaml'),
      ownersExempt: boolean().default(false),
    },
    mappingError(),
  )
  .strict();

const roleProvider = z
  .object(
    {
      plugin: nonEmptyString('a plugin package name or a built-in short name (unix, ldap)'),
      options: z.preprocess((value) => (value === null ? undefined : value), z.record(z.unknown(), mappingError()).default({})),
    },
    mappingError(),
  )
  .strict();

const roles = z.preprocess(
  (value) => (value === null ? undefined : value),
  z.array(roleProvider, { invalid_type_error: 'expected a list of role providers' }).default([]),
);

/** The raw schema, also walked to find the known keys at a path. */
export const siteConfigObject = z
  .object(
    {
      hub: section(hub, {}),
      spawner: section(spawner, {}),
      hosts,
      selector: section(selector, {}),
      uiserver: section(uiserver, {}),
      hubService: section(hubService, {}),
      authz: section(authz, {}),
      roles,
    },
    { invalid_type_error: 'expected a mapping with hub, spawner, hosts, selector, uiserver, hubService, authz and roles' },
  )
  .strict();

/** An empty file parses as null: treat it as an empty mapping so the message is "hosts: is required". */
export const siteConfigSchema: z.ZodType<SiteConfig, z.ZodTypeDef, unknown> = z.preprocess(
  (value) => (value === null || value === undefined ? {} : value),
  siteConfigObject,
);
