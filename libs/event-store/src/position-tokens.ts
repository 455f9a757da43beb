import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  type Cipher,
  type Decipher,
} from 'node:crypto';

/** What the second half of a token's block must decrypt to: a token not sealed here fails it. */
const MARK = Buffer.from('bti:pos!', 'latin1');

/** A token as readers are given one: 22 base64url characters (one AES block). */
export const POSITION_TOKEN_SHAPE = '[A-Za-z0-9_-]{22}';
/** A whole value that is a token's shape: what query fields and cursors are checked against. */
export const POSITION_TOKEN = new RegExp(`^${POSITION_TOKEN_SHAPE}$`);

/** Tokens kept at hand (a timeline page gives one per item, the same ones again and again). */
const MAX_REMEMBERED = 100_000;

/**
 * Log positions as readers are given them: sealed, so that a position answered to a command, an
 * item's id or a page's cursor says nothing of the positions between two of them. A global position
 * counts every event written in between — a guardian with two of theirs could count the services'
 * internal entries, or, by asking for a `minPosition` past the head, watch the whole installation's
 * pace. A token is one AES block (the position and a fixed mark) under a key of the installation:
 * the same position gives the same token, and only a token this installation gave opens.
 */
export class PositionTokens {
  // ECB over exactly one block with no padding is a keyed permutation of that block: one cipher
  // serves every call, as no block depends on another.
  private readonly sealer: Cipher;
  private readonly opener: Decipher;
  private readonly remembered = new Map<bigint, string>();

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('A position token key is 32 bytes');
    this.sealer = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
    this.opener = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  }

  /** Tokens that open only in this process: for tools that answer no reader (a build, the CLI). */
  static ephemeral(): PositionTokens {
    return new PositionTokens(randomBytes(32));
  }

  seal(position: bigint): string {
    const known = this.remembered.get(position);
    if (known !== undefined) return known;
    const block = Buffer.alloc(16);
    block.writeBigUInt64BE(position, 0);
    MARK.copy(block, 8);
    const token = this.sealer.update(block).toString('base64url');
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
    this.remembered.set(position, token);
    return token;
  }

  /** The position a token was sealed from, or null for anything this installation did not give. */
  open(token: string): bigint | null {
    if (!POSITION_TOKEN.test(token)) return null;
    const bytes = Buffer.from(token, 'base64url');
    // 22 characters carry 132 bits: the last 4 are not the block's, and only 0s are the token given.
    if (bytes.length !== 16 || bytes.toString('base64url') !== token) return null;
    // Whole blocks only: a part of one would stay in the shared decipher and spoil the next token.
    const block = this.opener.update(bytes);
    if (!block.subarray(8).equals(MARK)) return null;
    return block.readBigUInt64BE(0);
  }
}
