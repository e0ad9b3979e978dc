#!/usr/bin/env node
import { Arguments, UsageError } from './arguments';
import { CliIo, PROCESS_IO } from './cli-io';
import { ExitCode } from './exit-code';
import { packageVersion } from './version';
import { Packs } from '../compliance/packs';

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Each command's module, loaded when that command runs: `check` does not pay the start-up of
 * harden's and the configuration file's YAML library, audit's stream reader or the access report.
 */
const COMMANDS = {
  access: () => (require('./access-command') as typeof import('./access-command')).AccessCommand,
  audit: () => (require('./audit-command') as typeof import('./audit-command')).AuditCommand,
  check: () => (require('./check-command') as typeof import('./check-command')).CheckCommand,
  harden: () => (require('./harden-command') as typeof import('./harden-command')).HardenCommand,
  parse: () => (require('./parse-command') as typeof import('./parse-command')).ParseCommand,
  rules: () => (require('./rules-command') as typeof import('./rules-command')).RulesCommand,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const PROGRAM = 'cdk8s-guardrails';
/** Set to print the stack trace of an unexpected error (never shown otherwise). */
const DEBUG_VARIABLE = 'CDK8S_GUARDRAILS_DEBUG';

/** The `cdk8s-guardrails` command line. */
export class Cli {
  /**
   * Runs one command line and returns the exit code. Never throws: usage errors and unexpected
   * errors become one line on stderr and exit code 2. `audit` streams its logs, so its exit
   * code comes as a promise (which never rejects).
   */
  public static run(argv: readonly string[], io: CliIo = PROCESS_IO, env: NodeJS.ProcessEnv = process.env): ExitCode | Promise<ExitCode> {
    let command: string | undefined;
    try {
      // harden parses its own arguments (src/cli/harden-arguments.ts).
      if (argv[0] === 'harden') {
        command = 'harden';
        return COMMANDS.harden().run(argv.slice(1), io);
      }
      const invocation = Arguments.parse(argv, Packs.names());
      command = invocation.command;
      switch (invocation.command) {
        case 'help':
          io.stdout(invocation.text);
          return ExitCode.CLEAN;
        case 'version':
          io.stdout(`${packageVersion()}\n`);
          return ExitCode.CLEAN;
        case 'check':
          return COMMANDS.check().run(invocation.options, io);
        case 'access':
          return COMMANDS.access().run(invocation.options, io);
        case 'rules':
          return COMMANDS.rules().run(invocation.options, io);
        case 'audit':
          return COMMANDS.audit().run(invocation.options, io).catch((e) => Cli.fail(e, 'audit', io, env));
        case 'parse':
          return COMMANDS.parse().run(invocation.options, io);
      }
    } catch (e) {
      return Cli.fail(e, command, io, env);
    }
  }

  /** A usage error or an unexpected error as one line on stderr (the stack trace only when asked for), and exit code 2. */
  private static fail(e: unknown, command: string | undefined, io: CliIo, env: NodeJS.ProcessEnv): ExitCode {
    if (e instanceof UsageError) {
      const help = e.command ? `${PROGRAM} ${e.command} --help` : `${PROGRAM} --help`;
      io.stderr(`${PROGRAM}: ${e.message}\nRun '${help}' for usage.\n`);
      return ExitCode.ERROR;
    }
    const error = e as Error;
    io.stderr(`${PROGRAM}: ${command ? `${command} failed: ` : ''}${error?.message ?? String(e)}\n`);
    if (env[DEBUG_VARIABLE]) io.stderr(`${error?.stack ?? ''}\n`);
    else io.stderr(`(set ${DEBUG_VARIABLE}=1 to see the stack trace)\n`);
    return ExitCode.ERROR;
  }

  private constructor() {}
}

if (require.main === module) {
  // A closed pipe (`... | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  // exitCode, not exit(): large reports written to a pipe must be flushed before the process ends.
  const code = Cli.run(process.argv.slice(2));
  if (typeof code === 'number') process.exitCode = code;
  else void code.then((c) => { process.exitCode = c; });
}
