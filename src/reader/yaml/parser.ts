import { Scanner, Style, Tok, Token } from './scanner';
import { YamlError } from './yaml-error';

/*
 * The YAML event parser of go-yaml v2 (gopkg.in/yaml.v2 parserc.go, a port of libyaml's LL(1)
 * parser), ported state for state. One event at a time is described by the fields of this
 * object (no event objects are allocated). Read kubernetes/kubernetes
 * vendor/gopkg.in/yaml.v2/parserc.go side by side: function names match.
 */

export enum Ev {
  STREAM_START = 1, STREAM_END, DOCUMENT_START, DOCUMENT_END, ALIAS, SCALAR,
  SEQUENCE_START, SEQUENCE_END, MAPPING_START, MAPPING_END,
}

enum State {
  STREAM_START, IMPLICIT_DOCUMENT_START, DOCUMENT_START, DOCUMENT_CONTENT, DOCUMENT_END,
  BLOCK_NODE, BLOCK_NODE_OR_INDENTLESS_SEQUENCE, FLOW_NODE,
  BLOCK_SEQUENCE_FIRST_ENTRY, BLOCK_SEQUENCE_ENTRY, INDENTLESS_SEQUENCE_ENTRY,
  BLOCK_MAPPING_FIRST_KEY, BLOCK_MAPPING_KEY, BLOCK_MAPPING_VALUE,
  FLOW_SEQUENCE_FIRST_ENTRY, FLOW_SEQUENCE_ENTRY, FLOW_SEQUENCE_ENTRY_MAPPING_KEY,
  FLOW_SEQUENCE_ENTRY_MAPPING_VALUE, FLOW_SEQUENCE_ENTRY_MAPPING_END,
  FLOW_MAPPING_FIRST_KEY, FLOW_MAPPING_KEY, FLOW_MAPPING_VALUE, FLOW_MAPPING_EMPTY_VALUE, END,
}

/** The YAML tag prefix of `!!`. */
export const YAML_TAG_PREFIX = 'tag:yaml.org,2002:';

interface TagDirective {
  readonly handle: string;
  readonly prefix: string;
}

const DEFAULT_TAG_DIRECTIVES: readonly TagDirective[] = [
  { handle: '!', prefix: '!' },
  { handle: '!!', prefix: YAML_TAG_PREFIX },
];

export class Parser {
  // The current event.
  public type: Ev = Ev.STREAM_START;
  /** Offset where the event's node starts (its anchor or tag, if any). */
  public start = 0;
  public anchor = '';
  /** The resolved tag (`tag:yaml.org,2002:str`, `!custom`, `!`), or '' without a tag. */
  public tag = '';
  public value = '';
  /** A scalar without a tag written plain, or with the non-specific tag `!` (plain_implicit). */
  public implicit = false;
  public style: Style = Style.PLAIN;

  private readonly scanner: Scanner;
  private state = State.STREAM_START;
  private readonly states: State[] = [];
  private readonly marks: number[] = [];
  private tagDirectives: TagDirective[] = [];

  constructor(text: string) {
    this.scanner = new Scanner(text);
  }

  /** Offset of the next unread character (for errors found after the last event). */
  public get pos(): number {
    return this.scanner.pos;
  }

  /** Advances to the next event (yaml_parser_parse). */
  public next(): Ev {
    this.anchor = '';
    this.tag = '';
    this.value = '';
    this.implicit = false;
    switch (this.state) {
      case State.STREAM_START: this.parseStreamStart(); break;
      case State.IMPLICIT_DOCUMENT_START: this.parseDocumentStart(true); break;
      case State.DOCUMENT_START: this.parseDocumentStart(false); break;
      case State.DOCUMENT_CONTENT: this.parseDocumentContent(); break;
      case State.DOCUMENT_END: this.parseDocumentEnd(); break;
      case State.BLOCK_NODE: this.parseNode(true, false); break;
      case State.BLOCK_NODE_OR_INDENTLESS_SEQUENCE: this.parseNode(true, true); break;
      case State.FLOW_NODE: this.parseNode(false, false); break;
      case State.BLOCK_SEQUENCE_FIRST_ENTRY: this.parseBlockSequenceEntry(true); break;
      case State.BLOCK_SEQUENCE_ENTRY: this.parseBlockSequenceEntry(false); break;
      case State.INDENTLESS_SEQUENCE_ENTRY: this.parseIndentlessSequenceEntry(); break;
      case State.BLOCK_MAPPING_FIRST_KEY: this.parseBlockMappingKey(true); break;
      case State.BLOCK_MAPPING_KEY: this.parseBlockMappingKey(false); break;
      case State.BLOCK_MAPPING_VALUE: this.parseBlockMappingValue(); break;
      case State.FLOW_SEQUENCE_FIRST_ENTRY: this.parseFlowSequenceEntry(true); break;
      case State.FLOW_SEQUENCE_ENTRY: this.parseFlowSequenceEntry(false); break;
      case State.FLOW_SEQUENCE_ENTRY_MAPPING_KEY: this.parseFlowSequenceEntryMappingKey(); break;
      case State.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE: this.parseFlowSequenceEntryMappingValue(); break;
      case State.FLOW_SEQUENCE_ENTRY_MAPPING_END: this.parseFlowSequenceEntryMappingEnd(); break;
      case State.FLOW_MAPPING_FIRST_KEY: this.parseFlowMappingKey(true); break;
      case State.FLOW_MAPPING_KEY: this.parseFlowMappingKey(false); break;
      case State.FLOW_MAPPING_VALUE: this.parseFlowMappingValue(false); break;
      case State.FLOW_MAPPING_EMPTY_VALUE: this.parseFlowMappingValue(true); break;
      case State.END: throw new YamlError('attempted to go past the end of stream; corrupted value?', this.scanner.pos);
    }
    return this.type;
  }

  private event(type: Ev, start: number): void {
    this.type = type;
    this.start = start;
  }

  private popState(): void {
    this.state = this.states.pop()!;
  }

  private fail(problem: string, pos: number): never {
    throw new YamlError(problem, pos);
  }

  private parseStreamStart(): void {
    const token = this.scanner.peek();
    if (token.type !== Tok.STREAM_START) this.fail('did not find expected <stream-start>', token.start);
    this.state = State.IMPLICIT_DOCUMENT_START;
    this.event(Ev.STREAM_START, token.start);
    this.scanner.skipToken();
  }

  private parseDocumentStart(implicit: boolean): void {
    let token = this.scanner.peek();
    if (!implicit) {
      while (token.type === Tok.DOCUMENT_END) {
        this.scanner.skipToken();
        token = this.scanner.peek();
      }
    }
    if (implicit && token.type !== Tok.VERSION_DIRECTIVE && token.type !== Tok.TAG_DIRECTIVE
      && token.type !== Tok.DOCUMENT_START && token.type !== Tok.STREAM_END) {
      this.processDirectives();
      this.states.push(State.DOCUMENT_END);
      this.state = State.BLOCK_NODE;
      this.event(Ev.DOCUMENT_START, token.start);
    } else if (token.type !== Tok.STREAM_END) {
      const start = token.start;
      this.processDirectives();
      token = this.scanner.peek();
      if (token.type !== Tok.DOCUMENT_START) this.fail('did not find expected <document start>', token.start);
      this.states.push(State.DOCUMENT_END);
      this.state = State.DOCUMENT_CONTENT;
      this.event(Ev.DOCUMENT_START, start);
      this.scanner.skipToken();
    } else {
      this.state = State.END;
      this.event(Ev.STREAM_END, token.start);
      this.scanner.skipToken();
    }
  }

  private parseDocumentContent(): void {
    const token = this.scanner.peek();
    if (token.type === Tok.VERSION_DIRECTIVE || token.type === Tok.TAG_DIRECTIVE || token.type === Tok.DOCUMENT_START
      || token.type === Tok.DOCUMENT_END || token.type === Tok.STREAM_END) {
      this.popState();
      this.emptyScalar(token.start);
      return;
    }
    this.parseNode(true, false);
  }

  private parseDocumentEnd(): void {
    const token = this.scanner.peek();
    const start = token.start;
    if (token.type === Tok.DOCUMENT_END) this.scanner.skipToken();
    this.tagDirectives = [];
    this.state = State.DOCUMENT_START;
    this.event(Ev.DOCUMENT_END, start);
  }

  private parseNode(block: boolean, indentlessSequence: boolean): void {
    let token: Token = this.scanner.peek();
    if (token.type === Tok.ALIAS) {
      this.popState();
      this.event(Ev.ALIAS, token.start);
      this.anchor = token.value;
      this.scanner.skipToken();
      return;
    }
    let start = token.start;
    let tagHandle: string | undefined;
    let tagSuffix = '';
    let tagPos = 0;
    if (token.type === Tok.ANCHOR) {
      this.anchor = token.value;
      start = token.start;
      this.scanner.skipToken();
      token = this.scanner.peek();
      if (token.type === Tok.TAG) {
        tagHandle = token.value;
        tagSuffix = token.suffix;
        tagPos = token.start;
        this.scanner.skipToken();
        token = this.scanner.peek();
      }
    } else if (token.type === Tok.TAG) {
      tagHandle = token.value;
      tagSuffix = token.suffix;
      start = token.start;
      tagPos = token.start;
      this.scanner.skipToken();
      token = this.scanner.peek();
      if (token.type === Tok.ANCHOR) {
        this.anchor = token.value;
        this.scanner.skipToken();
        token = this.scanner.peek();
      }
    }
    let tag = '';
    if (tagHandle !== undefined) {
      if (tagHandle.length === 0) {
        tag = tagSuffix;
      } else {
        const directive = this.tagDirectives.find((d) => d.handle === tagHandle);
        if (directive) tag = directive.prefix + tagSuffix;
        if (tag.length === 0) this.fail('found undefined tag handle', tagPos);
      }
    }
    this.tag = tag;
    this.start = start;
    const implicit = tag.length === 0;
    if (indentlessSequence && token.type === Tok.BLOCK_ENTRY) {
      this.state = State.INDENTLESS_SEQUENCE_ENTRY;
      this.type = Ev.SEQUENCE_START;
      this.implicit = implicit;
      return;
    }
    if (token.type === Tok.SCALAR) {
      this.implicit = (tag.length === 0 && token.style === Style.PLAIN) || tag === '!';
      this.popState();
      this.type = Ev.SCALAR;
      this.value = token.value;
      this.style = token.style;
      this.scanner.skipToken();
      return;
    }
    if (token.type === Tok.FLOW_SEQUENCE_START) {
      this.state = State.FLOW_SEQUENCE_FIRST_ENTRY;
      this.type = Ev.SEQUENCE_START;
      return;
    }
    if (token.type === Tok.FLOW_MAPPING_START) {
      this.state = State.FLOW_MAPPING_FIRST_KEY;
      this.type = Ev.MAPPING_START;
      return;
    }
    if (block && token.type === Tok.BLOCK_SEQUENCE_START) {
      this.state = State.BLOCK_SEQUENCE_FIRST_ENTRY;
      this.type = Ev.SEQUENCE_START;
      return;
    }
    if (block && token.type === Tok.BLOCK_MAPPING_START) {
      this.state = State.BLOCK_MAPPING_FIRST_KEY;
      this.type = Ev.MAPPING_START;
      return;
    }
    if (this.anchor.length > 0 || tag.length > 0) {
      // An anchor or tag with nothing after it: an empty scalar.
      this.popState();
      this.type = Ev.SCALAR;
      this.implicit = implicit;
      this.style = Style.PLAIN;
      return;
    }
    this.fail('did not find expected node content', token.start);
  }

  private parseBlockSequenceEntry(first: boolean): void {
    if (first) {
      this.marks.push(this.scanner.peek().start);
      this.scanner.skipToken();
    }
    let token = this.scanner.peek();
    if (token.type === Tok.BLOCK_ENTRY) {
      const end = token.start + 1;
      this.scanner.skipToken();
      token = this.scanner.peek();
      if (token.type !== Tok.BLOCK_ENTRY && token.type !== Tok.BLOCK_END) {
        this.states.push(State.BLOCK_SEQUENCE_ENTRY);
        this.parseNode(true, false);
      } else {
        this.state = State.BLOCK_SEQUENCE_ENTRY;
        this.emptyScalar(end);
      }
      return;
    }
    if (token.type === Tok.BLOCK_END) {
      this.popState();
      this.marks.pop();
      this.event(Ev.SEQUENCE_END, token.start);
      this.scanner.skipToken();
      return;
    }
    this.fail('did not find expected \'-\' indicator', token.start);
  }

  private parseIndentlessSequenceEntry(): void {
    let token = this.scanner.peek();
    if (token.type === Tok.BLOCK_ENTRY) {
      const end = token.start + 1;
      this.scanner.skipToken();
      token = this.scanner.peek();
      if (token.type !== Tok.BLOCK_ENTRY && token.type !== Tok.KEY && token.type !== Tok.VALUE && token.type !== Tok.BLOCK_END) {
        this.states.push(State.INDENTLESS_SEQUENCE_ENTRY);
        this.parseNode(true, false);
        return;
      }
      this.state = State.INDENTLESS_SEQUENCE_ENTRY;
      this.emptyScalar(end);
      return;
    }
    this.popState();
    this.event(Ev.SEQUENCE_END, token.start);
  }

  private parseBlockMappingKey(first: boolean): void {
    if (first) {
      this.marks.push(this.scanner.peek().start);
      this.scanner.skipToken();
    }
    let token = this.scanner.peek();
    if (token.type === Tok.KEY) {
      const end = token.start + 1;
      this.scanner.skipToken();
      token = this.scanner.peek();
      if (token.type !== Tok.KEY && token.type !== Tok.VALUE && token.type !== Tok.BLOCK_END) {
        this.states.push(State.BLOCK_MAPPING_VALUE);
        this.parseNode(true, true);
      } else {
        this.state = State.BLOCK_MAPPING_VALUE;
        this.emptyScalar(end);
      }
      return;
    }
    if (token.type === Tok.BLOCK_END) {
      this.popState();
      this.marks.pop();
      this.event(Ev.MAPPING_END, token.start);
      this.scanner.skipToken();
      return;
    }
    this.fail('did not find expected key', token.start);
  }

  private parseBlockMappingValue(): void {
    let token = this.scanner.peek();
    if (token.type === Tok.VALUE) {
      const end = token.start + 1;
      this.scanner.skipToken();
      token = this.scanner.peek();
      if (token.type !== Tok.KEY && token.type !== Tok.VALUE && token.type !== Tok.BLOCK_END) {
        this.states.push(State.BLOCK_MAPPING_KEY);
        this.parseNode(true, true);
        return;
      }
      this.state = State.BLOCK_MAPPING_KEY;
      this.emptyScalar(end);
      return;
    }
    this.state = State.BLOCK_MAPPING_KEY;
    this.emptyScalar(token.start);
  }

  private parseFlowSequenceEntry(first: boolean): void {
    if (first) {
      this.marks.push(this.scanner.peek().start);
      this.scanner.skipToken();
    }
    let token = this.scanner.peek();
    if (token.type !== Tok.FLOW_SEQUENCE_END) {
      if (!first) {
        if (token.type === Tok.FLOW_ENTRY) {
          this.scanner.skipToken();
          token = this.scanner.peek();
        } else {
          this.fail('did not find expected \',\' or \']\'', token.start);
        }
      }
      if (token.type === Tok.KEY) {
        // [a: b]: a single-pair mapping inside a flow sequence.
        this.state = State.FLOW_SEQUENCE_ENTRY_MAPPING_KEY;
        this.event(Ev.MAPPING_START, token.start);
        this.implicit = true;
        this.scanner.skipToken();
        return;
      } else if (token.type !== Tok.FLOW_SEQUENCE_END) {
        this.states.push(State.FLOW_SEQUENCE_ENTRY);
        this.parseNode(false, false);
        return;
      }
    }
    this.popState();
    this.marks.pop();
    this.event(Ev.SEQUENCE_END, token.start);
    this.scanner.skipToken();
  }

  private parseFlowSequenceEntryMappingKey(): void {
    const token = this.scanner.peek();
    if (token.type !== Tok.VALUE && token.type !== Tok.FLOW_ENTRY && token.type !== Tok.FLOW_SEQUENCE_END) {
      this.states.push(State.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE);
      this.parseNode(false, false);
      return;
    }
    const end = token.start + 1;
    this.scanner.skipToken();
    this.state = State.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE;
    this.emptyScalar(end);
  }

  private parseFlowSequenceEntryMappingValue(): void {
    let token = this.scanner.peek();
    if (token.type === Tok.VALUE) {
      this.scanner.skipToken();
      token = this.scanner.peek();
      if (token.type !== Tok.FLOW_ENTRY && token.type !== Tok.FLOW_SEQUENCE_END) {
        this.states.push(State.FLOW_SEQUENCE_ENTRY_MAPPING_END);
        this.parseNode(false, false);
        return;
      }
    }
    this.state = State.FLOW_SEQUENCE_ENTRY_MAPPING_END;
    this.emptyScalar(token.start);
  }

  private parseFlowSequenceEntryMappingEnd(): void {
    const token = this.scanner.peek();
    this.state = State.FLOW_SEQUENCE_ENTRY;
    this.event(Ev.MAPPING_END, token.start);
  }

  private parseFlowMappingKey(first: boolean): void {
    if (first) {
      this.marks.push(this.scanner.peek().start);
      this.scanner.skipToken();
    }
    let token = this.scanner.peek();
    if (token.type !== Tok.FLOW_MAPPING_END) {
      if (!first) {
        if (token.type === Tok.FLOW_ENTRY) {
          this.scanner.skipToken();
          token = this.scanner.peek();
        } else {
          this.fail('did not find expected \',\' or \'}\'', token.start);
        }
      }
      if (token.type === Tok.KEY) {
        this.scanner.skipToken();
        token = this.scanner.peek();
        if (token.type !== Tok.VALUE && token.type !== Tok.FLOW_ENTRY && token.type !== Tok.FLOW_MAPPING_END) {
          this.states.push(State.FLOW_MAPPING_VALUE);
          this.parseNode(false, false);
        } else {
          this.state = State.FLOW_MAPPING_VALUE;
          this.emptyScalar(token.start);
        }
        return;
      } else if (token.type !== Tok.FLOW_MAPPING_END) {
        this.states.push(State.FLOW_MAPPING_EMPTY_VALUE);
        this.parseNode(false, false);
        return;
      }
    }
    this.popState();
    this.marks.pop();
    this.event(Ev.MAPPING_END, token.start);
    this.scanner.skipToken();
  }

  private parseFlowMappingValue(empty: boolean): void {
    let token = this.scanner.peek();
    if (empty) {
      this.state = State.FLOW_MAPPING_KEY;
      this.emptyScalar(token.start);
      return;
    }
    if (token.type === Tok.VALUE) {
      this.scanner.skipToken();
      token = this.scanner.peek();
      if (token.type !== Tok.FLOW_ENTRY && token.type !== Tok.FLOW_MAPPING_END) {
        this.states.push(State.FLOW_MAPPING_KEY);
        this.parseNode(false, false);
        return;
      }
    }
    this.state = State.FLOW_MAPPING_KEY;
    this.emptyScalar(token.start);
  }

  /** A node written as nothing (`key:`, `- `): a plain empty scalar, which resolves to null. */
  private emptyScalar(pos: number): void {
    this.event(Ev.SCALAR, pos);
    this.value = '';
    this.implicit = true;
    this.style = Style.PLAIN;
  }

  private processDirectives(): void {
    let version = false;
    const directives: TagDirective[] = [];
    let token = this.scanner.peek();
    while (token.type === Tok.VERSION_DIRECTIVE || token.type === Tok.TAG_DIRECTIVE) {
      if (token.type === Tok.VERSION_DIRECTIVE) {
        if (version) this.fail('found duplicate %YAML directive', token.start);
        // go-yaml v2 reads YAML 1.1 only: `%YAML 1.2` is refused.
        if (token.major !== 1 || token.minor !== 1) this.fail('found incompatible YAML document', token.start);
        version = true;
      } else {
        const directive = { handle: token.value, prefix: token.suffix };
        this.appendTagDirective(directive, false, token.start);
        directives.push(directive);
      }
      this.scanner.skipToken();
      token = this.scanner.peek();
    }
    for (const directive of DEFAULT_TAG_DIRECTIVES) this.appendTagDirective(directive, true, token.start);
  }

  private appendTagDirective(directive: TagDirective, allowDuplicates: boolean, pos: number): void {
    if (this.tagDirectives.some((d) => d.handle === directive.handle)) {
      if (allowDuplicates) return;
      this.fail('found duplicate %TAG directive', pos);
    }
    this.tagDirectives.push(directive);
  }
}
