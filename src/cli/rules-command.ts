import type { RulesOptions } from './arguments';
import { CliIo, writeReport } from './cli-io';
import { ExitCode } from './exit-code';
import { RuleDocs } from '../compliance/rule-docs';

/** `cdk8s-guardrails rules`: the rule reference, in text, Markdown (docs/rules.md) or JSON. */
export class RulesCommand {
  public static run(options: RulesOptions, io: CliIo): ExitCode {
    const rendered = options.format === 'json' ? RuleDocs.json() : options.format === 'markdown' ? RuleDocs.markdown() : RuleDocs.text();
    return writeReport(io, options.output, rendered) ? ExitCode.CLEAN : ExitCode.ERROR;
  }

  private constructor() {}
}
