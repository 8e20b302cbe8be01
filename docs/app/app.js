"use strict";
(() => {
  // src/pyint.ts
  var ND_RUNS = [
    48,
    1,
    1632,
    1,
    1776,
    1,
    1984,
    1,
    2406,
    1,
    2534,
    1,
    2662,
    1,
    2790,
    1,
    2918,
    1,
    3046,
    1,
    3174,
    1,
    3302,
    1,
    3430,
    1,
    3558,
    1,
    3664,
    1,
    3792,
    1,
    3872,
    1,
    4160,
    1,
    4240,
    1,
    6112,
    1,
    6160,
    1,
    6470,
    1,
    6608,
    1,
    6784,
    1,
    6800,
    1,
    6992,
    1,
    7088,
    1,
    7232,
    1,
    7248,
    1,
    42528,
    1,
    43216,
    1,
    43264,
    1,
    43472,
    1,
    43504,
    1,
    43600,
    1,
    44016,
    1,
    65296,
    1,
    66720,
    1,
    68912,
    1,
    69734,
    1,
    69872,
    1,
    69942,
    1,
    70096,
    1,
    70384,
    1,
    70736,
    1,
    70864,
    1,
    71248,
    1,
    71360,
    1,
    71472,
    1,
    71904,
    1,
    72016,
    1,
    72784,
    1,
    73040,
    1,
    73120,
    1,
    92768,
    1,
    92864,
    1,
    93008,
    1,
    120782,
    5,
    123200,
    1,
    123632,
    1,
    125264,
    1,
    130032,
    1
  ];
  function pyDigit(cp) {
    if (cp >= 48 && cp <= 57) return cp - 48;
    for (let i = 2; i < ND_RUNS.length; i += 2) {
      const start = ND_RUNS[i];
      if (cp < start) return -1;
      if (cp < start + 10 * ND_RUNS[i + 1]) return (cp - start) % 10;
    }
    return -1;
  }
  function pyIntSpace(cp) {
    return cp === 32 || cp >= 9 && cp <= 13 || cp === 133 || cp === 160 || cp === 5760 || cp >= 8192 && cp <= 8202 || cp === 8232 || cp === 8233 || cp === 8239 || cp === 8287 || cp === 12288;
  }
  var PY_INT_MAX_STR_DIGITS = 4300;
  function pyRepr(s) {
    const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
    let out = quote;
    for (const ch of s) {
      const cp = ch.codePointAt(0);
      if (ch === quote || ch === "\\") out += "\\" + ch;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "	") out += "\\t";
      else if (cp < 32 || cp === 127) out += "\\x" + cp.toString(16).padStart(2, "0");
      else if (isNonPrintable(cp))
        out += cp <= 255 ? "\\x" + cp.toString(16).padStart(2, "0") : cp <= 65535 ? "\\u" + cp.toString(16).padStart(4, "0") : "\\U" + cp.toString(16).padStart(8, "0");
      else out += ch;
    }
    return out + quote;
  }
  function isNonPrintable(cp) {
    return cp !== 32 && /[\p{C}\p{Z}]/u.test(String.fromCodePoint(cp));
  }
  var PLAIN_INT = /^-?[0-9]+$/;
  var MAYBE_INT = /[0-9]|[\u0660-\uffff]/;
  var invalid = (s) => ({ ok: false, error: `ValueError: invalid literal for int() with base 10: ${pyRepr(s)}` });
  function pyIntFromString(s) {
    if (PLAIN_INT.test(s)) {
      const neg = s.charCodeAt(0) === 45;
      const digits2 = neg ? s.slice(1) : s;
      if (digits2.length <= PY_INT_MAX_STR_DIGITS) {
        const t = digits2.replace(/^0+(?=\d)/, "");
        return { ok: true, value: neg && t !== "0" ? `-${t}` : t };
      }
    }
    if (!MAYBE_INT.test(s)) return invalid(s);
    const cps = Array.from(s, (c) => c.codePointAt(0));
    let i = 0;
    let end = cps.length;
    while (i < end && pyIntSpace(cps[i])) i++;
    while (end > i && pyIntSpace(cps[end - 1])) end--;
    let negative = false;
    if (i < end && (cps[i] === 43 || cps[i] === 45)) {
      negative = cps[i] === 45;
      i++;
    }
    let digits = "";
    let lastWasDigit = false;
    for (let k = i; k < end; k++) {
      const cp = cps[k];
      if (cp === 95) {
        if (!lastWasDigit || k + 1 >= end || pyDigit(cps[k + 1]) < 0) return invalid(s);
        lastWasDigit = false;
        continue;
      }
      const d = pyDigit(cp);
      if (d < 0) return invalid(s);
      digits += String.fromCharCode(48 + d);
      lastWasDigit = true;
    }
    if (!digits) return invalid(s);
    if (digits.length > PY_INT_MAX_STR_DIGITS) {
      return {
        ok: false,
        error: `ValueError: Exceeds the limit (${PY_INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits.length} digits; use sys.set_int_max_str_digits() to increase the limit`
      };
    }
    const trimmed = digits.replace(/^0+(?=\d)/, "");
    return { ok: true, value: negative && trimmed !== "0" ? `-${trimmed}` : trimmed };
  }
  function pyIntFromNumberToken(raw) {
    if (raw === "NaN") return { ok: false, error: "ValueError: cannot convert float NaN to integer" };
    if (raw === "Infinity" || raw === "-Infinity") return { ok: false, error: "OverflowError: cannot convert float infinity to integer" };
    if (/^-?\d+$/.test(raw)) {
      const neg = raw.startsWith("-");
      const t = (neg ? raw.slice(1) : raw).replace(/^0+(?=\d)/, "");
      return { ok: true, value: neg && t !== "0" ? `-${t}` : t };
    }
    const d = Number(raw);
    if (Number.isNaN(d)) return { ok: false, error: "ValueError: cannot convert float NaN to integer" };
    if (!Number.isFinite(d)) return { ok: false, error: "OverflowError: cannot convert float infinity to integer" };
    return { ok: true, value: BigInt(Math.trunc(d)).toString() };
  }
  function pyTypeName(jsonType) {
    return { null: "NoneType", array: "list", object: "dict", string: "str", boolean: "bool", number: "float" }[jsonType] ?? jsonType;
  }
  function pyIntTypeError(jsonType) {
    return { ok: false, error: `TypeError: int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(jsonType)}'` };
  }

  // src/kind.ts
  function lastProperty(obj, key) {
    if (obj?.type !== "object") return void 0;
    const kids = obj.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) if (kids[i].children?.[0]?.value === key) return kids[i];
    return void 0;
  }
  var NNUNET_MARKERS = ["channel_names", "modality", "file_ending", "numTraining"];
  var NNDETECTION_MARKERS = ["target_class", "dim", "modalities", "test_labels"];
  var INT_STRING = /^-?\d+$/;
  function labelsInverted(labels) {
    if (labels?.type !== "object" || !labels.children?.length) return false;
    return labels.children.every((p) => p.children?.[1]?.type === "string" && pyIntFromString(String(p.children[0]?.value)).ok);
  }
  function classify(doc) {
    const root = doc.root;
    if (root?.type !== "object") return { kind: "invalid" };
    const has = (k) => lastProperty(root, k) !== void 0;
    const labels = lastProperty(root, "labels")?.children?.[1];
    const nnunetMarkers = NNUNET_MARKERS.filter(has);
    const nndet = NNDETECTION_MARKERS.filter(has);
    if (!labels) {
      if (nnunetMarkers.length) return { kind: has("channel_names") || !has("modality") ? "nnunet-v2" : "v1-msd" };
      const coco = ["images", "annotations", "categories"].every(has);
      return {
        kind: "not-nnunet",
        reason: coco ? "a COCO annotation file (images/annotations/categories), no `labels`" : "no `labels` and none of channel_names/modality/file_ending/numTraining"
      };
    }
    if (nndet.length && !has("channel_names")) {
      return { kind: "not-nnunet", reason: `an nnDetection dataset description (has ${nndet.map((k) => `\`${k}\``).join(", ")})` };
    }
    if (labels.type !== "object" && !nnunetMarkers.length) {
      return { kind: "not-nnunet", reason: "`labels` is not an object and no nnU-Net keys are present" };
    }
    if (labelsInverted(labels) && !has("channel_names") || has("modality") && !has("channel_names")) return { kind: "v1-msd" };
    return { kind: "nnunet-v2" };
  }

  // transforms/NNU000-not-nnunet.ts
  var rule = {
    meta: {
      code: "NNU000",
      name: "not-nnunet",
      severity: "info",
      fix: ["none"],
      stage: "kind",
      summary: "a dataset.json of another framework (nnDetection, COCO, ...): skipped, never changed",
      docs: `Many tools name their description file \`dataset.json\`. nnunet-doctor only checks
nnU-Net v2 and v1/Medical Segmentation Decathlon descriptions. A file is skipped when:

- it has no \`labels\` and none of \`channel_names\`, \`modality\`, \`file_ending\`, \`numTraining\`
  (COCO, Hugging Face, MONAI datalists without labels), or
- it has nnDetection's keys (\`target_class\`, \`dim\`, \`modalities\`, \`test_labels\`) and no
  \`channel_names\`: nnDetection's \`{"0": "lesion"}\` means class 0 is a lesion, not background,
  so "fixing" it for nnU-Net would be wrong.

Skipped files are listed (info) and never written; they do not change the exit code.`
    },
    check(ctx) {
      const c = classify(ctx.doc);
      if (c.kind !== "not-nnunet") return [];
      return [{ offset: 0, length: 0, key: "file", message: `skipped: ${c.reason}`, help: "not an nnU-Net or MSD dataset description: never changed" }];
    }
  };
  var NNU000_not_nnunet_default = rule;

  // src/pyparse.ts
  var PyJsonError = class extends Error {
    constructor(message, offset) {
      super(message);
      this.offset = offset;
    }
    offset;
  };
  var LAZY_CONTAINER_CHARS = 4096;
  var MAX_NESTING = 500;
  function isLazyContainer(node) {
    return node instanceof LazyContainer;
  }
  var LazyContainer = class {
    constructor(type, offset, length, text) {
      this.type = type;
      this.offset = offset;
      this.length = length;
      this.text = text;
    }
    type;
    offset;
    length;
    text;
    parent;
    kids;
    get children() {
      if (!this.kids) {
        const p = new Parser(this.text, Infinity);
        p.pos = this.offset;
        const built = p.value(1, true);
        this.kids = built.children ?? [];
        for (const c of this.kids) c.parent = this;
      }
      return this.kids;
    }
    set children(v) {
      this.kids = v;
    }
  };
  var Parser = class {
    constructor(text, lazyAbove, known) {
      this.text = text;
      this.lazyAbove = lazyAbove;
      this.known = known;
    }
    text;
    lazyAbove;
    known;
    pos = 0;
    maxDepth = 0;
    dup = false;
    nonFinite = [];
    validated = [];
    fail(message, at) {
      throw new PyJsonError(message, at);
    }
    ws() {
      const t = this.text;
      let i = this.pos;
      for (; ; ) {
        const c = t.charCodeAt(i);
        if (c === 32 /* Space */ || c === 10 /* LF */ || c === 13 /* CR */ || c === 9 /* Tab */) i++;
        else break;
      }
      this.pos = i;
    }
    /**
     * Parse the value at `pos` (after whitespace). With `build`, return its node; without,
     * validate only and return undefined. Depth counts containers.
     */
    value(depth, build) {
      const t = this.text;
      const start = this.pos;
      const c = t.charCodeAt(start);
      switch (c) {
        case 34 /* Quote */: {
          const v = this.string();
          return build ? { type: "string", value: v, offset: start, length: this.pos - start } : void 0;
        }
        case 123 /* OpenBrace */:
          return this.object(depth + 1, build);
        case 91 /* OpenBracket */:
          return this.array(depth + 1, build);
        case 110 /* LowerN */:
          if (t.startsWith("null", start)) {
            this.pos = start + 4;
            return build ? { type: "null", value: null, offset: start, length: 4 } : void 0;
          }
          break;
        case 116 /* LowerT */:
          if (t.startsWith("true", start)) {
            this.pos = start + 4;
            return build ? { type: "boolean", value: true, offset: start, length: 4 } : void 0;
          }
          break;
        case 102 /* LowerF */:
          if (t.startsWith("false", start)) {
            this.pos = start + 5;
            return build ? { type: "boolean", value: false, offset: start, length: 5 } : void 0;
          }
          break;
        case 78 /* UpperN */:
          if (t.startsWith("NaN", start)) return this.nonFiniteToken(start, "NaN", build);
          break;
        case 73 /* UpperI */:
          if (t.startsWith("Infinity", start)) return this.nonFiniteToken(start, "Infinity", build);
          break;
        case 45 /* Minus */:
          if (t.startsWith("-Infinity", start)) return this.nonFiniteToken(start, "-Infinity", build);
          break;
      }
      return this.number(start, build);
    }
    nonFiniteToken(start, raw, build) {
      this.pos = start + raw.length;
      this.nonFinite.push({ offset: start, length: raw.length, raw });
      return build ? { type: "number", value: raw === "NaN" ? NaN : raw === "Infinity" ? Infinity : -Infinity, offset: start, length: raw.length } : void 0;
    }
    /** CPython's _match_number_unicode: `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`, backtracking a bare `.` or `e`. */
    number(start, build) {
      const t = this.text;
      let i = start;
      if (t.charCodeAt(i) === 45 /* Minus */) i++;
      const c = t.charCodeAt(i);
      if (c >= 49 && c <= 57 /* Nine */) {
        i++;
        while (isDigit(t.charCodeAt(i))) i++;
      } else if (c === 48 /* Zero */) {
        i++;
      } else {
        this.fail("Expecting value", start);
      }
      if (t.charCodeAt(i) === 46 /* Dot */ && isDigit(t.charCodeAt(i + 1))) {
        i += 2;
        while (isDigit(t.charCodeAt(i))) i++;
      }
      const e = t.charCodeAt(i);
      if (e === 101 /* LowerE */ || e === 69 /* UpperE */) {
        let j = i + 1;
        const s = t.charCodeAt(j);
        if (s === 43 /* Plus */ || s === 45 /* Minus */) j++;
        if (isDigit(t.charCodeAt(j))) {
          j++;
          while (isDigit(t.charCodeAt(j))) j++;
          i = j;
        }
      }
      this.pos = i;
      return build ? { type: "number", value: Number(t.slice(start, i)), offset: start, length: i - start } : void 0;
    }
    /** CPython's scanstring_unicode, strict. `pos` at the opening quote; returns the decoded string. */
    string() {
      const t = this.text;
      const begin = this.pos;
      let i = begin + 1;
      let chunkStart = i;
      let out;
      for (; ; ) {
        let c = 0;
        for (; i < t.length; i++) {
          c = t.charCodeAt(i);
          if (c === 34 /* Quote */ || c === 92 /* Backslash */) break;
          if (c <= 31) this.fail("Invalid control character at", i);
        }
        if (i >= t.length) this.fail("Unterminated string starting at", begin);
        if (c === 34 /* Quote */) {
          this.pos = i + 1;
          return out === void 0 ? t.slice(chunkStart, i) : out + t.slice(chunkStart, i);
        }
        out = (out ?? "") + t.slice(chunkStart, i);
        const bs = i;
        i++;
        if (i >= t.length) this.fail("Unterminated string starting at", begin);
        const e = t.charCodeAt(i);
        if (e !== 117 /* LowerU */) {
          const m = ESCAPES[e];
          if (m === void 0) this.fail("Invalid \\escape", bs);
          out += m;
          i++;
        } else {
          i++;
          if (i + 4 > t.length) this.fail("Invalid \\uXXXX escape", i - 1);
          const u = hex4(t, i);
          if (u < 0) this.fail("Invalid \\uXXXX escape", i - 1);
          i += 4;
          if (u >= 55296 && u <= 56319 && t.charCodeAt(i) === 92 /* Backslash */ && t.charCodeAt(i + 1) === 117 /* LowerU */) {
            const lo = i + 6 <= t.length ? hex4(t, i + 2) : -1;
            if (lo >= 56320 && lo <= 57343) {
              out += String.fromCharCode(u, lo);
              i += 6;
              chunkStart = i;
              continue;
            }
          }
          out += String.fromCharCode(u);
        }
        chunkStart = i;
      }
    }
    object(depth, build) {
      const t = this.text;
      const start = this.pos;
      if (depth > this.maxDepth) this.maxDepth = depth;
      if (depth > MAX_NESTING) this.fail("maximum recursion depth exceeded", start);
      if (build && depth > 1 && this.lazyAbove !== Infinity && (this.known?.has(start) || this.isBig(start))) return this.lazy("object", start, depth);
      this.pos = start + 1;
      this.ws();
      const node = build ? { type: "object", offset: start, length: 0, children: [] } : void 0;
      let keys;
      let keySet;
      if (t.charCodeAt(this.pos) !== 125 /* CloseBrace */) {
        for (; ; ) {
          const keyStart = this.pos;
          if (t.charCodeAt(keyStart) !== 34 /* Quote */) this.fail("Expecting property name enclosed in double quotes", keyStart);
          const key = this.string();
          const keyEnd = this.pos;
          if (!this.dup) {
            if (keys === void 0) keys = [key];
            else if (keySet !== void 0) {
              if (keySet.has(key)) this.dup = true;
              else keySet.add(key);
            } else if (keys.includes(key)) this.dup = true;
            else if (keys.push(key) > 16) keySet = new Set(keys);
          }
          this.ws();
          const colon = this.pos;
          if (t.charCodeAt(colon) !== 58 /* Colon */) this.fail("Expecting ':' delimiter", colon);
          this.pos++;
          this.ws();
          const v = this.value(depth, build);
          if (node) {
            const prop = { type: "property", offset: keyStart, length: this.pos - keyStart, colonOffset: colon, parent: node, children: [] };
            const k = { type: "string", value: key, offset: keyStart, length: keyEnd - keyStart, parent: prop };
            v.parent = prop;
            prop.children.push(k, v);
            node.children.push(prop);
          }
          this.ws();
          const c = t.charCodeAt(this.pos);
          if (c === 125 /* CloseBrace */) break;
          if (c !== 44 /* Comma */) this.fail("Expecting ',' delimiter", this.pos);
          this.pos++;
          this.ws();
        }
      }
      this.pos++;
      if (node) node.length = this.pos - start;
      return node;
    }
    array(depth, build) {
      const t = this.text;
      const start = this.pos;
      if (depth > this.maxDepth) this.maxDepth = depth;
      if (depth > MAX_NESTING) this.fail("maximum recursion depth exceeded", start);
      if (build && depth > 1 && this.lazyAbove !== Infinity && (this.known?.has(start) || this.isBig(start))) return this.lazy("array", start, depth);
      this.pos = start + 1;
      this.ws();
      const node = build ? { type: "array", offset: start, length: 0, children: [] } : void 0;
      if (t.charCodeAt(this.pos) !== 93 /* CloseBracket */) {
        for (; ; ) {
          const v = this.value(depth, build);
          if (node) {
            v.parent = node;
            node.children.push(v);
          }
          this.ws();
          const c = t.charCodeAt(this.pos);
          if (c === 93 /* CloseBracket */) break;
          if (c !== 44 /* Comma */) this.fail("Expecting ',' delimiter", this.pos);
          this.pos++;
          this.ws();
        }
      }
      this.pos++;
      if (node) node.length = this.pos - start;
      return node;
    }
    /**
     * Is the container at `start` longer than `lazyAbove`? A quick string-aware bracket scan up
     * to the limit (no validation: `lazy` validates).
     */
    isBig(start) {
      const t = this.text;
      const limit = Math.min(t.length, start + this.lazyAbove + 1);
      let depth = 0;
      for (let i = start; i < limit; i++) {
        const c = t.charCodeAt(i);
        if (c === 34 /* Quote */) {
          for (i++; i < limit; i++) {
            const d = t.charCodeAt(i);
            if (d === 92 /* Backslash */) i++;
            else if (d === 34 /* Quote */) break;
          }
        } else if (c === 123 /* OpenBrace */ || c === 91 /* OpenBracket */) depth++;
        else if (c === 125 /* CloseBrace */ || c === 93 /* CloseBracket */) {
          if (--depth === 0) return false;
        }
      }
      return limit - start > this.lazyAbove;
    }
    /** Whether a repeated key was seen since the last call (the flag starts again from false). */
    takeDuplicateFlag() {
      const d = this.dup;
      this.dup = false;
      return d;
    }
    /**
     * Validate the big container at `start` without building it (unless it is known valid), and
     * hand out a lazy node. A container that repeats a key somewhere inside is built instead:
     * NNU004 needs the nodes of the object that repeats it (and a lazy container is then known
     * to hold no repeated key).
     */
    lazy(type, start, depth) {
      const known = this.known?.get(start);
      let span;
      if (known && known.type === type && depth + known.innerDepth <= MAX_NESTING) {
        span = { ...known, offset: start };
        this.pos = start + known.length;
        this.maxDepth = Math.max(this.maxDepth, depth + known.innerDepth);
        for (const t of known.nonFinite) this.nonFinite.push({ ...t, offset: start + t.offset });
      } else {
        this.pos = start;
        const outer = this.maxDepth;
        const before = this.nonFinite.length;
        const dupBefore = this.takeDuplicateFlag();
        this.maxDepth = depth;
        if (type === "object") this.object(depth, false);
        else this.array(depth, false);
        const dupInside = this.takeDuplicateFlag();
        this.dup = dupBefore || dupInside;
        if (dupInside) {
          this.pos = start;
          this.maxDepth = outer;
          this.nonFinite.length = before;
          const lazyAbove = this.lazyAbove;
          this.lazyAbove = Infinity;
          try {
            return type === "object" ? this.object(depth, true) : this.array(depth, true);
          } finally {
            this.lazyAbove = lazyAbove;
          }
        }
        span = {
          type,
          offset: start,
          length: this.pos - start,
          innerDepth: this.maxDepth - depth,
          nonFinite: this.nonFinite.slice(before).map((t) => ({ ...t, offset: t.offset - start }))
        };
        this.maxDepth = Math.max(outer, this.maxDepth);
      }
      this.validated.push(span);
      return new LazyContainer(type, start, span.length, this.text);
    }
  };
  var ESCAPES = [];
  ESCAPES[34 /* Quote */] = '"';
  ESCAPES[92 /* Backslash */] = "\\";
  ESCAPES[47] = "/";
  ESCAPES[98] = "\b";
  ESCAPES[102 /* LowerF */] = "\f";
  ESCAPES[110 /* LowerN */] = "\n";
  ESCAPES[114] = "\r";
  ESCAPES[116 /* LowerT */] = "	";
  function isDigit(c) {
    return c >= 48 /* Zero */ && c <= 57 /* Nine */;
  }
  function hexDigit(c) {
    if (c >= 48 && c <= 57) return c - 48;
    if (c >= 97 && c <= 102) return c - 87;
    if (c >= 65 && c <= 70) return c - 55;
    return -1;
  }
  function hex4(t, i) {
    const a = hexDigit(t.charCodeAt(i));
    const b = hexDigit(t.charCodeAt(i + 1));
    const c = hexDigit(t.charCodeAt(i + 2));
    const d = hexDigit(t.charCodeAt(i + 3));
    return a < 0 || b < 0 || c < 0 || d < 0 ? -1 : a << 12 | b << 8 | c << 4 | d;
  }
  function parseStrict(text, options = {}) {
    if (text.charCodeAt(0) === 65279) throw new PyJsonError("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
    const build = options.build !== false;
    const known = options.reuse?.length ? new Map(options.reuse.map((v) => [v.offset, v])) : void 0;
    const p = new Parser(text, options.eager ? Infinity : LAZY_CONTAINER_CHARS, known);
    p.ws();
    if (p.pos >= text.length) p.fail("Expecting value", p.pos);
    const root = p.value(0, build);
    p.ws();
    if (p.pos !== text.length) p.fail("Extra data", p.pos);
    return { root, nonFinite: p.nonFinite, maxDepth: p.maxDepth, hasDuplicateKeys: p.dup, validated: p.validated };
  }
  function shiftValidated(spans, edits) {
    const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
    const out = [];
    for (const v of spans) {
      const end = v.offset + v.length;
      let delta = 0;
      let touched = false;
      for (const e of sorted) {
        if (e.offset + e.length <= v.offset) {
          delta += e.content.length - e.length;
        } else if (e.offset >= end) {
          break;
        } else {
          touched = true;
          break;
        }
      }
      if (!touched) out.push({ ...v, offset: v.offset + delta });
    }
    return out;
  }
  function pythonLoadError(text) {
    try {
      parseStrict(text, { build: false });
      return void 0;
    } catch (e) {
      if (e instanceof PyJsonError) return e;
      throw e;
    }
  }
  function pythonErrorMessage(text, e) {
    const { line, column, char } = pythonPosition(text, e.offset);
    return `${e.message}: line ${line} column ${column} (char ${char})`;
  }
  function pythonPosition(text, offset) {
    let char = 0;
    let line = 1;
    let lineStartChar = 0;
    for (let i = 0; i < offset && i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 55296 && c <= 56319 && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 56320 && d <= 57343) i++;
      }
      if (c === 13 /* CR */ && text.charCodeAt(i + 1) === 10 /* LF */) i++;
      char++;
      if (c === 10 /* LF */ || c === 13 /* CR */) {
        line++;
        lineStartChar = char;
      }
    }
    return { line, column: char - lineStartChar + 1, char };
  }

  // transforms/NNU001-invalid-json.ts
  var READABLE = {
    InvalidSymbol: "unexpected character",
    InvalidNumberFormat: "malformed number",
    PropertyNameExpected: "a property name in double quotes was expected",
    ValueExpected: "a value was expected",
    ColonExpected: "':' expected",
    CommaExpected: "',' expected",
    CloseBraceExpected: "'}' expected",
    CloseBracketExpected: "']' expected",
    EndOfFileExpected: "text after the end of the JSON value",
    UnexpectedEndOfComment: "unterminated /* comment",
    UnexpectedEndOfString: "unterminated string",
    UnexpectedEndOfNumber: "unterminated number",
    InvalidUnicode: "invalid \\u escape",
    InvalidEscapeCharacter: "invalid escape in a string",
    InvalidCharacter: "control character (tab, line break) inside a string"
  };
  var rule2 = {
    meta: {
      code: "NNU001",
      name: "invalid-json",
      severity: "error",
      fix: ["none"],
      stage: "text",
      blocksWrite: true,
      summary: "not parseable even as JSON with comments: reported with line:column, never written",
      docs: `nnU-Net reads dataset.json with Python's \`json.load\` (batchgenerators \`load_json\`) and
stops with \`json.decoder.JSONDecodeError\` (\`Expecting value\`, \`Expecting ',' delimiter\`,
\`Extra data\`, ...). Comments and trailing commas are a separate, fixable problem (NNU002);
this rule is for text that does not parse even when those are allowed: a missing comma,
unbalanced braces, a bare string, a Python \`'''docstring'''\`, a shell heredoc leftover
(\`EOF\`), single quotes, or nesting deeper than Python can read.

**No fix:** the file's structure is ambiguous. The diagnostic gives the line and column of the
first error and the parser's reason; such a file is never written, whatever else is wrong.
Corpus examples: nnFormer's Synapse.json with a \`'''...'''\` line, Fed-BraTS's heredoc file.`
    },
    check(ctx) {
      const doc = ctx.doc;
      const errs = doc.parseErrors;
      if (!errs.length) return [];
      const e = errs[0];
      const name = e.code.split(" ")[0];
      if (name === "NestingTooDeep") {
        return [
          {
            offset: e.offset,
            length: e.length,
            key: "syntax",
            message: `not read: nested more than ${MAX_NESTING} levels deep (nnunet-doctor's limit)`,
            help: "Python's json.load gives up near 1000 levels, and no dataset.json is this deep; nothing is checked or written"
          }
        ];
      }
      const py = doc.pyError;
      if (!py) {
        return [{ offset: e.offset, length: e.length, key: "syntax", message: `not read: ${READABLE[name] ?? e.code}`, help: "nothing is checked or written" }];
      }
      const where2 = pythonErrorMessage(doc.text, { message: py.message, offset: py.offset });
      const repairable = doc.bom || doc.comments.length || doc.trailingCommas.length;
      const odd = oddCharacter(doc.text, py.offset);
      return [
        {
          offset: py.offset,
          length: 1,
          key: "syntax",
          // Python's words without their position (the report line has it): "Expecting ',' delimiter"
          message: `not valid JSON: ${py.message.replace(/( starting)? at$/, "")}`,
          nnunet: `stops with JSONDecodeError "${where2}"${repairable ? " (once the comments, trailing commas or BOM that NNU002/NNU003 remove are gone)" : ""}`,
          help: `${odd ? `the text there starts with ${odd}; ` : ""}fix the text by hand (nothing is written while the file does not parse)`
        }
      ];
    }
  };
  var ODD = {
    160: "a no-break space (U+00A0), which JSON does not count as a blank",
    11: "a vertical tab (U+000B), which JSON does not count as a blank",
    12: "a form feed (U+000C), which JSON does not count as a blank",
    8232: "a line separator (U+2028)",
    8233: "a paragraph separator (U+2029)",
    8220: 'a typographic quote (U+201C); JSON needs "',
    8221: 'a typographic quote (U+201D); JSON needs "',
    8216: 'a typographic quote (U+2018); JSON needs "',
    8217: 'a typographic quote (U+2019); JSON needs "',
    39: 'a single quote; JSON needs "',
    65279: "a byte-order mark (U+FEFF) in the middle of the text"
  };
  function oddCharacter(text, offset) {
    const c = text.charCodeAt(offset);
    if (ODD[c]) return ODD[c];
    if (c >= 8192 && c <= 8203) return `a typographic space (U+${c.toString(16).toUpperCase().padStart(4, "0")}), which JSON does not count as a blank`;
    return void 0;
  }
  var NNU001_invalid_json_default = rule2;

  // src/edits.ts
  function jsonString(s) {
    return JSON.stringify(s);
  }
  function replaceNode(node, content) {
    return { offset: node.offset, length: node.length, content };
  }
  function keyOf(prop) {
    return prop.children[0];
  }
  function valueOf(prop) {
    return prop.children?.[1];
  }
  function renameKey(prop, newKey) {
    return replaceNode(keyOf(prop), jsonString(newKey));
  }
  function lineStart(text, offset) {
    return text.lastIndexOf("\n", offset - 1) + 1;
  }
  function leadingWhitespace(text, offset) {
    const ls = lineStart(text, offset);
    const lead = text.slice(ls, offset);
    return /^[ \t]*$/.test(lead) ? lead : void 0;
  }
  function colonStyle(doc, obj) {
    const p = obj.children?.[0];
    const k = p?.children?.[0];
    const v = p?.children?.[1];
    if (k && v) {
      const between = doc.text.slice(k.offset + k.length, v.offset);
      if (/^[ \t]*:[ \t]*$/.test(between)) return between;
    }
    return ": ";
  }
  function separatorStyle(doc, obj) {
    const kids = obj.children ?? [];
    const first = kids[0];
    if (!first) return ", ";
    const lead = leadingWhitespace(doc.text, first.offset);
    if (lead !== void 0 && lineStart(doc.text, first.offset) > obj.offset) return "," + doc.eol + lead;
    const second = kids[1];
    if (second) {
      const between = doc.text.slice(first.offset + first.length, second.offset);
      if (/^[ \t]*,[ \t]*$/.test(between)) return between.trimStart();
    }
    return ", ";
  }
  function insertFirstProperty(doc, obj, key, raw) {
    const first = obj.children?.[0];
    const prop = jsonString(key) + colonStyle(doc, obj) + raw;
    if (!first) return { offset: obj.offset + 1, length: 0, content: prop };
    return { offset: first.offset, length: 0, content: prop + separatorStyle(doc, obj) };
  }
  function insertLastProperty(doc, obj, key, raw) {
    const kids = obj.children ?? [];
    const last = kids[kids.length - 1];
    const prop = jsonString(key) + colonStyle(doc, obj) + raw;
    if (!last) return { offset: obj.offset + 1, length: 0, content: prop };
    const lead = leadingWhitespace(doc.text, last.offset);
    const sep = lead !== void 0 && lineStart(doc.text, last.offset) > obj.offset ? "," + doc.eol + lead : separatorStyle(doc, obj);
    return { offset: last.offset + last.length, length: 0, content: sep + prop };
  }
  function removeProperty(obj, prop) {
    const kids = obj.children ?? [];
    const i = kids.indexOf(prop);
    if (kids.length === 1) return { offset: obj.offset + 1, length: obj.length - 2, content: "" };
    if (i < kids.length - 1) {
      const next = kids[i + 1];
      return { offset: prop.offset, length: next.offset - prop.offset, content: "" };
    }
    const prev = kids[i - 1];
    const from = prev.offset + prev.length;
    return { offset: from, length: prop.offset + prop.length - from, content: "" };
  }
  function removeComment(doc, c) {
    const t = doc.text;
    const ls = lineStart(t, c.offset);
    const before = t.slice(ls, c.offset);
    let end = c.offset + c.length;
    let lineEnd = end;
    while (lineEnd < t.length && (t[lineEnd] === " " || t[lineEnd] === "	")) lineEnd++;
    const alone = /^[ \t\uFEFF]*$/.test(before) && (lineEnd === t.length || t[lineEnd] === "\n" || t[lineEnd] === "\r");
    if (alone) {
      let from2 = ls;
      if (t[from2] === "\uFEFF") from2++;
      if (lineEnd < t.length) {
        end = t[lineEnd] === "\r" && t[lineEnd + 1] === "\n" ? lineEnd + 2 : lineEnd + 1;
      } else {
        end = lineEnd;
        if (from2 > 0) from2 = t[from2 - 2] === "\r" ? from2 - 2 : from2 - 1;
      }
      return { offset: from2, length: end - from2, content: "" };
    }
    let from = c.offset;
    while (from > ls && (t[from - 1] === " " || t[from - 1] === "	")) from--;
    if (c.kind === "block" && lineEnd < t.length && t[lineEnd] !== "\n" && t[lineEnd] !== "\r") {
      return { offset: c.offset, length: lineEnd - c.offset, content: "" };
    }
    return { offset: from, length: end - from, content: "" };
  }
  function applyEdits(text, edits) {
    const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
    let out = "";
    let pos = 0;
    for (const e of sorted) {
      if (e.offset < pos) throw new Error(`overlapping edits at offset ${e.offset}`);
      out += text.slice(pos, e.offset) + e.content;
      pos = e.offset + e.length;
    }
    return out + text.slice(pos);
  }
  function rewriteSlots(obj, texts) {
    const kids = obj.children ?? [];
    if (texts.length !== kids.length) throw new Error("rewriteSlots: one text per property is required");
    return kids.map((p, i) => ({ offset: p.offset, length: p.length, content: texts[i] }));
  }
  function colonOf(doc, prop) {
    const k = prop.children?.[0];
    const v = prop.children?.[1];
    return k && v ? doc.text.slice(k.offset + k.length, v.offset) : ": ";
  }
  function rawOf(doc, node) {
    return doc.text.slice(node.offset, node.offset + node.length);
  }

  // src/words.ts
  function plural(n, one, many = `${one}s`, count2 = String(n)) {
    return `${count2} ${n === 1 ? one : many}`;
  }
  function shorten(s, max = 40) {
    if (s.length <= max) return s;
    const half = Math.floor((max - 3) / 2);
    return `${s.slice(0, half)}...${s.slice(s.length - half)}`;
  }

  // transforms/NNU002-jsonc-syntax.ts
  var rule3 = {
    meta: {
      code: "NNU002",
      name: "jsonc-syntax",
      severity: "error",
      fix: ["safe"],
      stage: "text",
      summary: "comments (//, /* */, #) or trailing commas: Python's json.load rejects them",
      docs: `Editors and JavaScript tools accept "JSON with comments"; Python's \`json.load\` does not:
a comment or a trailing comma stops nnU-Net with
\`json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes\`
(or \`Expecting value\`). nnU-Net's own \`documentation/dataset_format.md\` shows dataset.json
with \`# formerly modalities\` comments, and copying it verbatim fails (MIC-DKFZ/nnUNet #1456);
hand-edited files often gain a trailing comma (#1602, #2405).

**Fix (safe):** each comment is removed; a comment alone on its line takes the line with it, a
comment after a value takes the blanks before it. Each trailing comma is removed, nothing else:
no value changes, so the verifier requires the values before and after to be identical.
Comments are the only thing nnunet-doctor ever removes from your text, and only because
nnU-Net cannot read the file with them.`
    },
    check(ctx) {
      const doc = ctx.doc;
      const findings = doc.comments.map((c) => {
        const raw = doc.text.slice(c.offset, c.offset + c.length);
        const style = c.kind === "hash" ? "a Python-style # comment" : c.kind === "line" ? "a // comment" : "a /* */ comment";
        return {
          offset: c.offset,
          length: c.length,
          key: `comment@${raw}`,
          message: `found ${style}: ${JSON.stringify(shorten(raw.replace(/\s+/g, " ")))}`,
          nnunet: 'stops with JSONDecodeError "Expecting property name enclosed in double quotes"',
          fix: { applicability: "safe", title: "remove the comment", edits: [removeComment(doc, c)], scope: [] }
        };
      });
      for (const off of doc.trailingCommas) {
        const closing = /^\s*([}\]])/.exec(doc.text.slice(off + 1, off + 200))?.[1];
        findings.push({
          offset: off,
          length: 1,
          key: `comma@${findings.length}`,
          message: `trailing comma before the closing ${closing === "]" ? "bracket" : closing === "}" ? "brace" : "bracket or brace"}`,
          nnunet: `stops with JSONDecodeError ${closing === "]" ? '"Expecting value"' : closing === "}" ? '"Expecting property name enclosed in double quotes"' : '"Expecting property name enclosed in double quotes" (or "Expecting value" in a list)'}`,
          fix: { applicability: "safe", title: "remove the trailing comma", edits: [{ offset: off, length: 1, content: "" }], scope: [] }
        });
      }
      return findings;
    }
  };
  var NNU002_jsonc_syntax_default = rule3;

  // transforms/NNU003-byte-order-mark.ts
  var rule4 = {
    meta: {
      code: "NNU003",
      name: "byte-order-mark",
      severity: "error",
      fix: ["safe"],
      stage: "text",
      summary: "UTF-8 byte-order mark: Python's json.load rejects it",
      docs: `Windows editors (Notepad, PowerShell's \`Out-File\`) often start a UTF-8 file with a
byte-order mark (EF BB BF). Python's \`json.load\` on a file opened as UTF-8 stops with
\`Unexpected UTF-8 BOM (decode using utf-8-sig)\`; with a cp1252 locale it reads garbage and
fails with \`Expecting value: line 1 column 1\`.

**Fix (safe):** the three BOM bytes are dropped; nothing else changes.`
    },
    check(ctx) {
      if (!ctx.doc.bom) return [];
      return [
        {
          offset: 0,
          length: 1,
          key: "bom",
          message: "UTF-8 byte-order mark (EF BB BF) at the start of the file",
          nnunet: 'stops with JSONDecodeError "Unexpected UTF-8 BOM (decode using utf-8-sig)"',
          fix: { applicability: "safe", title: "drop the byte-order mark", edits: [{ offset: 0, length: 1, content: "" }], scope: [] }
        }
      ];
    }
  };
  var NNU003_byte_order_mark_default = rule4;

  // node_modules/jsonc-parser/lib/esm/impl/scanner.js
  function createScanner(text, ignoreTrivia = false) {
    const len = text.length;
    let pos = 0, value = "", tokenOffset = 0, token = 16, lineNumber = 0, lineStartOffset = 0, tokenLineStartOffset = 0, prevTokenLineStartOffset = 0, scanError = 0;
    function scanHexDigits(count2, exact) {
      let digits = 0;
      let value2 = 0;
      while (digits < count2 || !exact) {
        let ch = text.charCodeAt(pos);
        if (ch >= 48 && ch <= 57) {
          value2 = value2 * 16 + ch - 48;
        } else if (ch >= 65 && ch <= 70) {
          value2 = value2 * 16 + ch - 65 + 10;
        } else if (ch >= 97 && ch <= 102) {
          value2 = value2 * 16 + ch - 97 + 10;
        } else {
          break;
        }
        pos++;
        digits++;
      }
      if (digits < count2) {
        value2 = -1;
      }
      return value2;
    }
    function setPosition(newPosition) {
      pos = newPosition;
      value = "";
      tokenOffset = 0;
      token = 16;
      scanError = 0;
    }
    function scanNumber() {
      let start = pos;
      if (text.charCodeAt(pos) === 48) {
        pos++;
      } else {
        pos++;
        while (pos < text.length && isDigit2(text.charCodeAt(pos))) {
          pos++;
        }
      }
      if (pos < text.length && text.charCodeAt(pos) === 46) {
        pos++;
        if (pos < text.length && isDigit2(text.charCodeAt(pos))) {
          pos++;
          while (pos < text.length && isDigit2(text.charCodeAt(pos))) {
            pos++;
          }
        } else {
          scanError = 3;
          return text.substring(start, pos);
        }
      }
      let end = pos;
      if (pos < text.length && (text.charCodeAt(pos) === 69 || text.charCodeAt(pos) === 101)) {
        pos++;
        if (pos < text.length && text.charCodeAt(pos) === 43 || text.charCodeAt(pos) === 45) {
          pos++;
        }
        if (pos < text.length && isDigit2(text.charCodeAt(pos))) {
          pos++;
          while (pos < text.length && isDigit2(text.charCodeAt(pos))) {
            pos++;
          }
          end = pos;
        } else {
          scanError = 3;
        }
      }
      return text.substring(start, end);
    }
    function scanString() {
      let result = "", start = pos;
      while (true) {
        if (pos >= len) {
          result += text.substring(start, pos);
          scanError = 2;
          break;
        }
        const ch = text.charCodeAt(pos);
        if (ch === 34) {
          result += text.substring(start, pos);
          pos++;
          break;
        }
        if (ch === 92) {
          result += text.substring(start, pos);
          pos++;
          if (pos >= len) {
            scanError = 2;
            break;
          }
          const ch2 = text.charCodeAt(pos++);
          switch (ch2) {
            case 34:
              result += '"';
              break;
            case 92:
              result += "\\";
              break;
            case 47:
              result += "/";
              break;
            case 98:
              result += "\b";
              break;
            case 102:
              result += "\f";
              break;
            case 110:
              result += "\n";
              break;
            case 114:
              result += "\r";
              break;
            case 116:
              result += "	";
              break;
            case 117:
              const ch3 = scanHexDigits(4, true);
              if (ch3 >= 0) {
                result += String.fromCharCode(ch3);
              } else {
                scanError = 4;
              }
              break;
            default:
              scanError = 5;
          }
          start = pos;
          continue;
        }
        if (ch >= 0 && ch <= 31) {
          if (isLineBreak(ch)) {
            result += text.substring(start, pos);
            scanError = 2;
            break;
          } else {
            scanError = 6;
          }
        }
        pos++;
      }
      return result;
    }
    function scanNext() {
      value = "";
      scanError = 0;
      tokenOffset = pos;
      lineStartOffset = lineNumber;
      prevTokenLineStartOffset = tokenLineStartOffset;
      if (pos >= len) {
        tokenOffset = len;
        return token = 17;
      }
      let code = text.charCodeAt(pos);
      if (isWhiteSpace(code)) {
        do {
          pos++;
          value += String.fromCharCode(code);
          code = text.charCodeAt(pos);
        } while (isWhiteSpace(code));
        return token = 15;
      }
      if (isLineBreak(code)) {
        pos++;
        value += String.fromCharCode(code);
        if (code === 13 && text.charCodeAt(pos) === 10) {
          pos++;
          value += "\n";
        }
        lineNumber++;
        tokenLineStartOffset = pos;
        return token = 14;
      }
      switch (code) {
        // tokens: []{}:,
        case 123:
          pos++;
          return token = 1;
        case 125:
          pos++;
          return token = 2;
        case 91:
          pos++;
          return token = 3;
        case 93:
          pos++;
          return token = 4;
        case 58:
          pos++;
          return token = 6;
        case 44:
          pos++;
          return token = 5;
        // strings
        case 34:
          pos++;
          value = scanString();
          return token = 10;
        // comments
        case 47:
          const start = pos - 1;
          if (text.charCodeAt(pos + 1) === 47) {
            pos += 2;
            while (pos < len) {
              if (isLineBreak(text.charCodeAt(pos))) {
                break;
              }
              pos++;
            }
            value = text.substring(start, pos);
            return token = 12;
          }
          if (text.charCodeAt(pos + 1) === 42) {
            pos += 2;
            const safeLength = len - 1;
            let commentClosed = false;
            while (pos < safeLength) {
              const ch = text.charCodeAt(pos);
              if (ch === 42 && text.charCodeAt(pos + 1) === 47) {
                pos += 2;
                commentClosed = true;
                break;
              }
              pos++;
              if (isLineBreak(ch)) {
                if (ch === 13 && text.charCodeAt(pos) === 10) {
                  pos++;
                }
                lineNumber++;
                tokenLineStartOffset = pos;
              }
            }
            if (!commentClosed) {
              pos++;
              scanError = 1;
            }
            value = text.substring(start, pos);
            return token = 13;
          }
          value += String.fromCharCode(code);
          pos++;
          return token = 16;
        // numbers
        case 45:
          value += String.fromCharCode(code);
          pos++;
          if (pos === len || !isDigit2(text.charCodeAt(pos))) {
            return token = 16;
          }
        // found a minus, followed by a number so
        // we fall through to proceed with scanning
        // numbers
        case 48:
        case 49:
        case 50:
        case 51:
        case 52:
        case 53:
        case 54:
        case 55:
        case 56:
        case 57:
          value += scanNumber();
          return token = 11;
        // literals and unknown symbols
        default:
          while (pos < len && isUnknownContentCharacter(code)) {
            pos++;
            code = text.charCodeAt(pos);
          }
          if (tokenOffset !== pos) {
            value = text.substring(tokenOffset, pos);
            switch (value) {
              case "true":
                return token = 8;
              case "false":
                return token = 9;
              case "null":
                return token = 7;
            }
            return token = 16;
          }
          value += String.fromCharCode(code);
          pos++;
          return token = 16;
      }
    }
    function isUnknownContentCharacter(code) {
      if (isWhiteSpace(code) || isLineBreak(code)) {
        return false;
      }
      switch (code) {
        case 125:
        case 93:
        case 123:
        case 91:
        case 34:
        case 58:
        case 44:
        case 47:
          return false;
      }
      return true;
    }
    function scanNextNonTrivia() {
      let result;
      do {
        result = scanNext();
      } while (result >= 12 && result <= 15);
      return result;
    }
    return {
      setPosition,
      getPosition: () => pos,
      scan: ignoreTrivia ? scanNextNonTrivia : scanNext,
      getToken: () => token,
      getTokenValue: () => value,
      getTokenOffset: () => tokenOffset,
      getTokenLength: () => pos - tokenOffset,
      getTokenStartLine: () => lineStartOffset,
      getTokenStartCharacter: () => tokenOffset - prevTokenLineStartOffset,
      getTokenError: () => scanError
    };
  }
  function isWhiteSpace(ch) {
    return ch === 32 || ch === 9;
  }
  function isLineBreak(ch) {
    return ch === 10 || ch === 13;
  }
  function isDigit2(ch) {
    return ch >= 48 && ch <= 57;
  }
  var CharacterCodes;
  (function(CharacterCodes2) {
    CharacterCodes2[CharacterCodes2["lineFeed"] = 10] = "lineFeed";
    CharacterCodes2[CharacterCodes2["carriageReturn"] = 13] = "carriageReturn";
    CharacterCodes2[CharacterCodes2["space"] = 32] = "space";
    CharacterCodes2[CharacterCodes2["_0"] = 48] = "_0";
    CharacterCodes2[CharacterCodes2["_1"] = 49] = "_1";
    CharacterCodes2[CharacterCodes2["_2"] = 50] = "_2";
    CharacterCodes2[CharacterCodes2["_3"] = 51] = "_3";
    CharacterCodes2[CharacterCodes2["_4"] = 52] = "_4";
    CharacterCodes2[CharacterCodes2["_5"] = 53] = "_5";
    CharacterCodes2[CharacterCodes2["_6"] = 54] = "_6";
    CharacterCodes2[CharacterCodes2["_7"] = 55] = "_7";
    CharacterCodes2[CharacterCodes2["_8"] = 56] = "_8";
    CharacterCodes2[CharacterCodes2["_9"] = 57] = "_9";
    CharacterCodes2[CharacterCodes2["a"] = 97] = "a";
    CharacterCodes2[CharacterCodes2["b"] = 98] = "b";
    CharacterCodes2[CharacterCodes2["c"] = 99] = "c";
    CharacterCodes2[CharacterCodes2["d"] = 100] = "d";
    CharacterCodes2[CharacterCodes2["e"] = 101] = "e";
    CharacterCodes2[CharacterCodes2["f"] = 102] = "f";
    CharacterCodes2[CharacterCodes2["g"] = 103] = "g";
    CharacterCodes2[CharacterCodes2["h"] = 104] = "h";
    CharacterCodes2[CharacterCodes2["i"] = 105] = "i";
    CharacterCodes2[CharacterCodes2["j"] = 106] = "j";
    CharacterCodes2[CharacterCodes2["k"] = 107] = "k";
    CharacterCodes2[CharacterCodes2["l"] = 108] = "l";
    CharacterCodes2[CharacterCodes2["m"] = 109] = "m";
    CharacterCodes2[CharacterCodes2["n"] = 110] = "n";
    CharacterCodes2[CharacterCodes2["o"] = 111] = "o";
    CharacterCodes2[CharacterCodes2["p"] = 112] = "p";
    CharacterCodes2[CharacterCodes2["q"] = 113] = "q";
    CharacterCodes2[CharacterCodes2["r"] = 114] = "r";
    CharacterCodes2[CharacterCodes2["s"] = 115] = "s";
    CharacterCodes2[CharacterCodes2["t"] = 116] = "t";
    CharacterCodes2[CharacterCodes2["u"] = 117] = "u";
    CharacterCodes2[CharacterCodes2["v"] = 118] = "v";
    CharacterCodes2[CharacterCodes2["w"] = 119] = "w";
    CharacterCodes2[CharacterCodes2["x"] = 120] = "x";
    CharacterCodes2[CharacterCodes2["y"] = 121] = "y";
    CharacterCodes2[CharacterCodes2["z"] = 122] = "z";
    CharacterCodes2[CharacterCodes2["A"] = 65] = "A";
    CharacterCodes2[CharacterCodes2["B"] = 66] = "B";
    CharacterCodes2[CharacterCodes2["C"] = 67] = "C";
    CharacterCodes2[CharacterCodes2["D"] = 68] = "D";
    CharacterCodes2[CharacterCodes2["E"] = 69] = "E";
    CharacterCodes2[CharacterCodes2["F"] = 70] = "F";
    CharacterCodes2[CharacterCodes2["G"] = 71] = "G";
    CharacterCodes2[CharacterCodes2["H"] = 72] = "H";
    CharacterCodes2[CharacterCodes2["I"] = 73] = "I";
    CharacterCodes2[CharacterCodes2["J"] = 74] = "J";
    CharacterCodes2[CharacterCodes2["K"] = 75] = "K";
    CharacterCodes2[CharacterCodes2["L"] = 76] = "L";
    CharacterCodes2[CharacterCodes2["M"] = 77] = "M";
    CharacterCodes2[CharacterCodes2["N"] = 78] = "N";
    CharacterCodes2[CharacterCodes2["O"] = 79] = "O";
    CharacterCodes2[CharacterCodes2["P"] = 80] = "P";
    CharacterCodes2[CharacterCodes2["Q"] = 81] = "Q";
    CharacterCodes2[CharacterCodes2["R"] = 82] = "R";
    CharacterCodes2[CharacterCodes2["S"] = 83] = "S";
    CharacterCodes2[CharacterCodes2["T"] = 84] = "T";
    CharacterCodes2[CharacterCodes2["U"] = 85] = "U";
    CharacterCodes2[CharacterCodes2["V"] = 86] = "V";
    CharacterCodes2[CharacterCodes2["W"] = 87] = "W";
    CharacterCodes2[CharacterCodes2["X"] = 88] = "X";
    CharacterCodes2[CharacterCodes2["Y"] = 89] = "Y";
    CharacterCodes2[CharacterCodes2["Z"] = 90] = "Z";
    CharacterCodes2[CharacterCodes2["asterisk"] = 42] = "asterisk";
    CharacterCodes2[CharacterCodes2["backslash"] = 92] = "backslash";
    CharacterCodes2[CharacterCodes2["closeBrace"] = 125] = "closeBrace";
    CharacterCodes2[CharacterCodes2["closeBracket"] = 93] = "closeBracket";
    CharacterCodes2[CharacterCodes2["colon"] = 58] = "colon";
    CharacterCodes2[CharacterCodes2["comma"] = 44] = "comma";
    CharacterCodes2[CharacterCodes2["dot"] = 46] = "dot";
    CharacterCodes2[CharacterCodes2["doubleQuote"] = 34] = "doubleQuote";
    CharacterCodes2[CharacterCodes2["minus"] = 45] = "minus";
    CharacterCodes2[CharacterCodes2["openBrace"] = 123] = "openBrace";
    CharacterCodes2[CharacterCodes2["openBracket"] = 91] = "openBracket";
    CharacterCodes2[CharacterCodes2["plus"] = 43] = "plus";
    CharacterCodes2[CharacterCodes2["slash"] = 47] = "slash";
    CharacterCodes2[CharacterCodes2["formFeed"] = 12] = "formFeed";
    CharacterCodes2[CharacterCodes2["tab"] = 9] = "tab";
  })(CharacterCodes || (CharacterCodes = {}));

  // node_modules/jsonc-parser/lib/esm/impl/string-intern.js
  var cachedSpaces = new Array(20).fill(0).map((_, index) => {
    return " ".repeat(index);
  });
  var maxCachedValues = 200;
  var cachedBreakLinesWithSpaces = {
    " ": {
      "\n": new Array(maxCachedValues).fill(0).map((_, index) => {
        return "\n" + " ".repeat(index);
      }),
      "\r": new Array(maxCachedValues).fill(0).map((_, index) => {
        return "\r" + " ".repeat(index);
      }),
      "\r\n": new Array(maxCachedValues).fill(0).map((_, index) => {
        return "\r\n" + " ".repeat(index);
      })
    },
    "	": {
      "\n": new Array(maxCachedValues).fill(0).map((_, index) => {
        return "\n" + "	".repeat(index);
      }),
      "\r": new Array(maxCachedValues).fill(0).map((_, index) => {
        return "\r" + "	".repeat(index);
      }),
      "\r\n": new Array(maxCachedValues).fill(0).map((_, index) => {
        return "\r\n" + "	".repeat(index);
      })
    }
  };

  // node_modules/jsonc-parser/lib/esm/impl/parser.js
  var ParseOptions;
  (function(ParseOptions2) {
    ParseOptions2.DEFAULT = {
      allowTrailingComma: false
    };
  })(ParseOptions || (ParseOptions = {}));
  function parseTree(text, errors = [], options = ParseOptions.DEFAULT) {
    let currentParent = { type: "array", offset: -1, length: -1, children: [], parent: void 0 };
    function ensurePropertyComplete(endOffset) {
      if (currentParent.type === "property") {
        currentParent.length = endOffset - currentParent.offset;
        currentParent = currentParent.parent;
      }
    }
    function onValue(valueNode) {
      currentParent.children.push(valueNode);
      return valueNode;
    }
    const visitor = {
      onObjectBegin: (offset) => {
        currentParent = onValue({ type: "object", offset, length: -1, parent: currentParent, children: [] });
      },
      onObjectProperty: (name, offset, length) => {
        currentParent = onValue({ type: "property", offset, length: -1, parent: currentParent, children: [] });
        currentParent.children.push({ type: "string", value: name, offset, length, parent: currentParent });
      },
      onObjectEnd: (offset, length) => {
        ensurePropertyComplete(offset + length);
        currentParent.length = offset + length - currentParent.offset;
        currentParent = currentParent.parent;
        ensurePropertyComplete(offset + length);
      },
      onArrayBegin: (offset, length) => {
        currentParent = onValue({ type: "array", offset, length: -1, parent: currentParent, children: [] });
      },
      onArrayEnd: (offset, length) => {
        currentParent.length = offset + length - currentParent.offset;
        currentParent = currentParent.parent;
        ensurePropertyComplete(offset + length);
      },
      onLiteralValue: (value, offset, length) => {
        onValue({ type: getNodeType(value), offset, length, parent: currentParent, value });
        ensurePropertyComplete(offset + length);
      },
      onSeparator: (sep, offset, length) => {
        if (currentParent.type === "property") {
          if (sep === ":") {
            currentParent.colonOffset = offset;
          } else if (sep === ",") {
            ensurePropertyComplete(offset);
          }
        }
      },
      onError: (error, offset, length) => {
        errors.push({ error, offset, length });
      }
    };
    visit(text, visitor, options);
    const result = currentParent.children[0];
    if (result) {
      delete result.parent;
    }
    return result;
  }
  function getNodePath(node) {
    if (!node.parent || !node.parent.children) {
      return [];
    }
    const path = getNodePath(node.parent);
    if (node.parent.type === "property") {
      const key = node.parent.children[0].value;
      path.push(key);
    } else if (node.parent.type === "array") {
      const index = node.parent.children.indexOf(node);
      if (index !== -1) {
        path.push(index);
      }
    }
    return path;
  }
  function getNodeValue(node) {
    switch (node.type) {
      case "array":
        return node.children.map(getNodeValue);
      case "object":
        const obj = /* @__PURE__ */ Object.create(null);
        for (let prop of node.children) {
          const valueNode = prop.children[1];
          if (valueNode) {
            obj[prop.children[0].value] = getNodeValue(valueNode);
          }
        }
        return obj;
      case "null":
      case "string":
      case "number":
      case "boolean":
        return node.value;
      default:
        return void 0;
    }
  }
  function visit(text, visitor, options = ParseOptions.DEFAULT) {
    const _scanner = createScanner(text, false);
    const _jsonPath = [];
    let suppressedCallbacks = 0;
    function toNoArgVisit(visitFunction) {
      return visitFunction ? () => suppressedCallbacks === 0 && visitFunction(_scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter()) : () => true;
    }
    function toOneArgVisit(visitFunction) {
      return visitFunction ? (arg) => suppressedCallbacks === 0 && visitFunction(arg, _scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter()) : () => true;
    }
    function toOneArgVisitWithPath(visitFunction) {
      return visitFunction ? (arg) => suppressedCallbacks === 0 && visitFunction(arg, _scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter(), () => _jsonPath.slice()) : () => true;
    }
    function toBeginVisit(visitFunction) {
      return visitFunction ? () => {
        if (suppressedCallbacks > 0) {
          suppressedCallbacks++;
        } else {
          let cbReturn = visitFunction(_scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter(), () => _jsonPath.slice());
          if (cbReturn === false) {
            suppressedCallbacks = 1;
          }
        }
      } : () => true;
    }
    function toEndVisit(visitFunction) {
      return visitFunction ? () => {
        if (suppressedCallbacks > 0) {
          suppressedCallbacks--;
        }
        if (suppressedCallbacks === 0) {
          visitFunction(_scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter());
        }
      } : () => true;
    }
    const onObjectBegin = toBeginVisit(visitor.onObjectBegin), onObjectProperty = toOneArgVisitWithPath(visitor.onObjectProperty), onObjectEnd = toEndVisit(visitor.onObjectEnd), onArrayBegin = toBeginVisit(visitor.onArrayBegin), onArrayEnd = toEndVisit(visitor.onArrayEnd), onLiteralValue = toOneArgVisitWithPath(visitor.onLiteralValue), onSeparator = toOneArgVisit(visitor.onSeparator), onComment = toNoArgVisit(visitor.onComment), onError = toOneArgVisit(visitor.onError);
    const disallowComments = options && options.disallowComments;
    const allowTrailingComma = options && options.allowTrailingComma;
    function scanNext() {
      while (true) {
        const token = _scanner.scan();
        switch (_scanner.getTokenError()) {
          case 4:
            handleError(
              14
              /* ParseErrorCode.InvalidUnicode */
            );
            break;
          case 5:
            handleError(
              15
              /* ParseErrorCode.InvalidEscapeCharacter */
            );
            break;
          case 3:
            handleError(
              13
              /* ParseErrorCode.UnexpectedEndOfNumber */
            );
            break;
          case 1:
            if (!disallowComments) {
              handleError(
                11
                /* ParseErrorCode.UnexpectedEndOfComment */
              );
            }
            break;
          case 2:
            handleError(
              12
              /* ParseErrorCode.UnexpectedEndOfString */
            );
            break;
          case 6:
            handleError(
              16
              /* ParseErrorCode.InvalidCharacter */
            );
            break;
        }
        switch (token) {
          case 12:
          case 13:
            if (disallowComments) {
              handleError(
                10
                /* ParseErrorCode.InvalidCommentToken */
              );
            } else {
              onComment();
            }
            break;
          case 16:
            handleError(
              1
              /* ParseErrorCode.InvalidSymbol */
            );
            break;
          case 15:
          case 14:
            break;
          default:
            return token;
        }
      }
    }
    function handleError(error, skipUntilAfter = [], skipUntil = []) {
      onError(error);
      if (skipUntilAfter.length + skipUntil.length > 0) {
        let token = _scanner.getToken();
        while (token !== 17) {
          if (skipUntilAfter.indexOf(token) !== -1) {
            scanNext();
            break;
          } else if (skipUntil.indexOf(token) !== -1) {
            break;
          }
          token = scanNext();
        }
      }
    }
    function parseString(isValue) {
      const value = _scanner.getTokenValue();
      if (isValue) {
        onLiteralValue(value);
      } else {
        onObjectProperty(value);
        _jsonPath.push(value);
      }
      scanNext();
      return true;
    }
    function parseLiteral() {
      switch (_scanner.getToken()) {
        case 11:
          const tokenValue = _scanner.getTokenValue();
          let value = Number(tokenValue);
          if (isNaN(value)) {
            handleError(
              2
              /* ParseErrorCode.InvalidNumberFormat */
            );
            value = 0;
          }
          onLiteralValue(value);
          break;
        case 7:
          onLiteralValue(null);
          break;
        case 8:
          onLiteralValue(true);
          break;
        case 9:
          onLiteralValue(false);
          break;
        default:
          return false;
      }
      scanNext();
      return true;
    }
    function parseProperty() {
      if (_scanner.getToken() !== 10) {
        handleError(3, [], [
          2,
          5
          /* SyntaxKind.CommaToken */
        ]);
        return false;
      }
      parseString(false);
      if (_scanner.getToken() === 6) {
        onSeparator(":");
        scanNext();
        if (!parseValue()) {
          handleError(4, [], [
            2,
            5
            /* SyntaxKind.CommaToken */
          ]);
        }
      } else {
        handleError(5, [], [
          2,
          5
          /* SyntaxKind.CommaToken */
        ]);
      }
      _jsonPath.pop();
      return true;
    }
    function parseObject() {
      onObjectBegin();
      scanNext();
      let needsComma = false;
      while (_scanner.getToken() !== 2 && _scanner.getToken() !== 17) {
        if (_scanner.getToken() === 5) {
          if (!needsComma) {
            handleError(4, [], []);
          }
          onSeparator(",");
          scanNext();
          if (_scanner.getToken() === 2 && allowTrailingComma) {
            break;
          }
        } else if (needsComma) {
          handleError(6, [], []);
        }
        if (!parseProperty()) {
          handleError(4, [], [
            2,
            5
            /* SyntaxKind.CommaToken */
          ]);
        }
        needsComma = true;
      }
      onObjectEnd();
      if (_scanner.getToken() !== 2) {
        handleError(7, [
          2
          /* SyntaxKind.CloseBraceToken */
        ], []);
      } else {
        scanNext();
      }
      return true;
    }
    function parseArray() {
      onArrayBegin();
      scanNext();
      let isFirstElement = true;
      let needsComma = false;
      while (_scanner.getToken() !== 4 && _scanner.getToken() !== 17) {
        if (_scanner.getToken() === 5) {
          if (!needsComma) {
            handleError(4, [], []);
          }
          onSeparator(",");
          scanNext();
          if (_scanner.getToken() === 4 && allowTrailingComma) {
            break;
          }
        } else if (needsComma) {
          handleError(6, [], []);
        }
        if (isFirstElement) {
          _jsonPath.push(0);
          isFirstElement = false;
        } else {
          _jsonPath[_jsonPath.length - 1]++;
        }
        if (!parseValue()) {
          handleError(4, [], [
            4,
            5
            /* SyntaxKind.CommaToken */
          ]);
        }
        needsComma = true;
      }
      onArrayEnd();
      if (!isFirstElement) {
        _jsonPath.pop();
      }
      if (_scanner.getToken() !== 4) {
        handleError(8, [
          4
          /* SyntaxKind.CloseBracketToken */
        ], []);
      } else {
        scanNext();
      }
      return true;
    }
    function parseValue() {
      switch (_scanner.getToken()) {
        case 3:
          return parseArray();
        case 1:
          return parseObject();
        case 10:
          return parseString(true);
        default:
          return parseLiteral();
      }
    }
    scanNext();
    if (_scanner.getToken() === 17) {
      if (options.allowEmptyContent) {
        return true;
      }
      handleError(4, [], []);
      return false;
    }
    if (!parseValue()) {
      handleError(4, [], []);
      return false;
    }
    if (_scanner.getToken() !== 17) {
      handleError(9, [], []);
    }
    return true;
  }
  function getNodeType(value) {
    switch (typeof value) {
      case "boolean":
        return "boolean";
      case "number":
        return "number";
      case "string":
        return "string";
      case "object": {
        if (!value) {
          return "null";
        } else if (Array.isArray(value)) {
          return "array";
        }
        return "object";
      }
      default:
        return "null";
    }
  }

  // node_modules/jsonc-parser/lib/esm/main.js
  var createScanner2 = createScanner;
  var ScanError;
  (function(ScanError2) {
    ScanError2[ScanError2["None"] = 0] = "None";
    ScanError2[ScanError2["UnexpectedEndOfComment"] = 1] = "UnexpectedEndOfComment";
    ScanError2[ScanError2["UnexpectedEndOfString"] = 2] = "UnexpectedEndOfString";
    ScanError2[ScanError2["UnexpectedEndOfNumber"] = 3] = "UnexpectedEndOfNumber";
    ScanError2[ScanError2["InvalidUnicode"] = 4] = "InvalidUnicode";
    ScanError2[ScanError2["InvalidEscapeCharacter"] = 5] = "InvalidEscapeCharacter";
    ScanError2[ScanError2["InvalidCharacter"] = 6] = "InvalidCharacter";
  })(ScanError || (ScanError = {}));
  var SyntaxKind;
  (function(SyntaxKind3) {
    SyntaxKind3[SyntaxKind3["OpenBraceToken"] = 1] = "OpenBraceToken";
    SyntaxKind3[SyntaxKind3["CloseBraceToken"] = 2] = "CloseBraceToken";
    SyntaxKind3[SyntaxKind3["OpenBracketToken"] = 3] = "OpenBracketToken";
    SyntaxKind3[SyntaxKind3["CloseBracketToken"] = 4] = "CloseBracketToken";
    SyntaxKind3[SyntaxKind3["CommaToken"] = 5] = "CommaToken";
    SyntaxKind3[SyntaxKind3["ColonToken"] = 6] = "ColonToken";
    SyntaxKind3[SyntaxKind3["NullKeyword"] = 7] = "NullKeyword";
    SyntaxKind3[SyntaxKind3["TrueKeyword"] = 8] = "TrueKeyword";
    SyntaxKind3[SyntaxKind3["FalseKeyword"] = 9] = "FalseKeyword";
    SyntaxKind3[SyntaxKind3["StringLiteral"] = 10] = "StringLiteral";
    SyntaxKind3[SyntaxKind3["NumericLiteral"] = 11] = "NumericLiteral";
    SyntaxKind3[SyntaxKind3["LineCommentTrivia"] = 12] = "LineCommentTrivia";
    SyntaxKind3[SyntaxKind3["BlockCommentTrivia"] = 13] = "BlockCommentTrivia";
    SyntaxKind3[SyntaxKind3["LineBreakTrivia"] = 14] = "LineBreakTrivia";
    SyntaxKind3[SyntaxKind3["Trivia"] = 15] = "Trivia";
    SyntaxKind3[SyntaxKind3["Unknown"] = 16] = "Unknown";
    SyntaxKind3[SyntaxKind3["EOF"] = 17] = "EOF";
  })(SyntaxKind || (SyntaxKind = {}));
  var parseTree2 = parseTree;
  var getNodePath2 = getNodePath;
  var getNodeValue2 = getNodeValue;
  var ParseErrorCode;
  (function(ParseErrorCode2) {
    ParseErrorCode2[ParseErrorCode2["InvalidSymbol"] = 1] = "InvalidSymbol";
    ParseErrorCode2[ParseErrorCode2["InvalidNumberFormat"] = 2] = "InvalidNumberFormat";
    ParseErrorCode2[ParseErrorCode2["PropertyNameExpected"] = 3] = "PropertyNameExpected";
    ParseErrorCode2[ParseErrorCode2["ValueExpected"] = 4] = "ValueExpected";
    ParseErrorCode2[ParseErrorCode2["ColonExpected"] = 5] = "ColonExpected";
    ParseErrorCode2[ParseErrorCode2["CommaExpected"] = 6] = "CommaExpected";
    ParseErrorCode2[ParseErrorCode2["CloseBraceExpected"] = 7] = "CloseBraceExpected";
    ParseErrorCode2[ParseErrorCode2["CloseBracketExpected"] = 8] = "CloseBracketExpected";
    ParseErrorCode2[ParseErrorCode2["EndOfFileExpected"] = 9] = "EndOfFileExpected";
    ParseErrorCode2[ParseErrorCode2["InvalidCommentToken"] = 10] = "InvalidCommentToken";
    ParseErrorCode2[ParseErrorCode2["UnexpectedEndOfComment"] = 11] = "UnexpectedEndOfComment";
    ParseErrorCode2[ParseErrorCode2["UnexpectedEndOfString"] = 12] = "UnexpectedEndOfString";
    ParseErrorCode2[ParseErrorCode2["UnexpectedEndOfNumber"] = 13] = "UnexpectedEndOfNumber";
    ParseErrorCode2[ParseErrorCode2["InvalidUnicode"] = 14] = "InvalidUnicode";
    ParseErrorCode2[ParseErrorCode2["InvalidEscapeCharacter"] = 15] = "InvalidEscapeCharacter";
    ParseErrorCode2[ParseErrorCode2["InvalidCharacter"] = 16] = "InvalidCharacter";
  })(ParseErrorCode || (ParseErrorCode = {}));
  function printParseErrorCode(code) {
    switch (code) {
      case 1:
        return "InvalidSymbol";
      case 2:
        return "InvalidNumberFormat";
      case 3:
        return "PropertyNameExpected";
      case 4:
        return "ValueExpected";
      case 5:
        return "ColonExpected";
      case 6:
        return "CommaExpected";
      case 7:
        return "CloseBraceExpected";
      case 8:
        return "CloseBracketExpected";
      case 9:
        return "EndOfFileExpected";
      case 10:
        return "InvalidCommentToken";
      case 11:
        return "UnexpectedEndOfComment";
      case 12:
        return "UnexpectedEndOfString";
      case 13:
        return "UnexpectedEndOfNumber";
      case 14:
        return "InvalidUnicode";
      case 15:
        return "InvalidEscapeCharacter";
      case 16:
        return "InvalidCharacter";
    }
    return "<unknown ParseErrorCode>";
  }

  // src/keys.ts
  var AUTO_READERS = [
    ["NaturalImage2DIO", [".png", ".bmp", ".tif"]],
    ["SimpleITKIO", [".nii.gz", ".nrrd", ".mha", ".gipl"]],
    ["Tiff3DIO", [".tif", ".tiff"]],
    ["NibabelIO", [".nii", ".nii.gz"]],
    ["NibabelIOWithReorient", [".nii", ".nii.gz"]]
  ];
  var READER_CLASSES = [
    "SimpleITKIO",
    "SimpleITKIOWithReorient",
    "NibabelIO",
    "NibabelIOWithReorient",
    "NaturalImage2DIO",
    "Tiff3DIO"
  ];
  var KNOWN_FILE_ENDINGS = [...new Set(AUTO_READERS.flatMap(([, e]) => e))].sort((a, b) => b.length - a.length);
  function autoReaderFor(fileEnding) {
    const fe = fileEnding.toLowerCase();
    return AUTO_READERS.find(([, endings]) => endings.includes(fe))?.[0];
  }
  function knownEndingOf(path) {
    return KNOWN_FILE_ENDINGS.find((e) => path.endsWith(e));
  }
  function isDuplicateKey(doc, obj, key) {
    return !!obj && doc.duplicateKeys.some((d) => d.object === obj && d.key === key);
  }
  function duplicateKeysOf(doc, obj) {
    return obj ? doc.duplicateKeys.filter((d) => d.object === obj).map((d) => d.key) : [];
  }
  var REQUIRED_KEYS = ["labels", "channel_names", "numTraining", "file_ending"];
  function missingRequiredKeys(root) {
    return REQUIRED_KEYS.filter((k) => root.type === "object" && !(root.children ?? []).some((p) => p.children?.[0]?.value === k));
  }
  function pyList(items) {
    return `[${items.map(pyRepr).join(", ")}]`;
  }

  // src/folder/identifiers.ts
  var KNOWN_ENDINGS = [...KNOWN_FILE_ENDINGS, ".nhdr", ".mhd", ".jpeg", ".jpg"];
  var SURROGATE = /[\uD800-\uDFFF]/;
  function pyLen(s) {
    return SURROGATE.test(s) ? Array.from(s).length : s.length;
  }
  function pyCutEnd(s, n) {
    if (!SURROGATE.test(s)) return n >= s.length ? "" : s.slice(0, s.length - n);
    const cps = Array.from(s);
    return n >= cps.length ? "" : cps.slice(0, cps.length - n).join("");
  }
  function pyTail(s, n) {
    if (!SURROGATE.test(s)) return s.slice(Math.max(0, s.length - n));
    const cps = Array.from(s);
    return cps.slice(Math.max(0, cps.length - n)).join("");
  }
  var CHANNEL_SUFFIX = /^_\p{Nd}{4}$/u;
  function isAsciiChannelSuffix(s) {
    if (s.length !== 5 || s.charCodeAt(0) !== 95) return false;
    for (let i = 1; i < 5; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return false;
    }
    return true;
  }
  function isChannelSuffix(s) {
    return isAsciiChannelSuffix(s) || CHANNEL_SUFFIX.test(s);
  }
  function pyComparator(xs) {
    return xs.some((s) => SURROGATE.test(s)) ? compareCodePoints : (a, b) => a < b ? -1 : a > b ? 1 : 0;
  }
  function sortPy(xs) {
    const arr = Array.isArray(xs) ? xs : [...xs];
    const cmp = pyComparator(arr);
    for (let i = 1; i < arr.length; i++) if (cmp(arr[i - 1], arr[i]) > 0) return [...arr].sort(cmp);
    return arr;
  }
  function sortedHas(sorted, x, cmp) {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = lo + hi >> 1;
      const d = cmp(sorted[mid], x);
      if (d === 0) return true;
      if (d < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
  function sortedWithPrefix(sorted, prefix) {
    const head = (s) => s.slice(0, prefix.length);
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (head(sorted[mid]) < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < sorted.length && sorted[end].startsWith(prefix)) end++;
    return sorted.slice(lo, end);
  }
  function isHidden(name) {
    return name.startsWith(".");
  }
  function endingOf(name) {
    const lower = name.slice(-8).toLowerCase();
    let best;
    for (const e of KNOWN_ENDINGS) {
      if (lower.endsWith(e) && name.length > e.length && (!best || e.length > best.length)) best = e;
    }
    return best === void 0 ? void 0 : name.slice(name.length - best.length);
  }
  function isSupportedEnding(ending) {
    return autoReaderFor(ending) !== void 0;
  }
  function identifierOf(name, fileEnding) {
    return pyCutEnd(name, pyLen(fileEnding) + 5);
  }
  function isChannelFile(name, fileEnding) {
    if (!name.endsWith(fileEnding)) return false;
    if (!SURROGATE.test(name)) {
      const end = name.length - fileEnding.length;
      return end >= 5 && isChannelSuffix(name.slice(end - 5, end));
    }
    const crop = pyLen(fileEnding) + 5;
    if (pyLen(name) < crop) return false;
    return isChannelSuffix(pyCutEnd(pyTail(name, crop), pyLen(fileEnding)));
  }
  function channelIndexOf(name, fileEnding) {
    if (!SURROGATE.test(name)) {
      const end = name.length - fileEnding.length;
      const digits2 = name.slice(end - 4, end);
      return /^[0-9]{4}$/.test(digits2) ? Number(digits2) : NaN;
    }
    const crop = pyLen(fileEnding) + 5;
    const digits = pyCutEnd(pyTail(name, crop), pyLen(fileEnding)).slice(1);
    return /^[0-9]{4}$/.test(digits) ? Number(digits) : NaN;
  }
  function compareCodePoints(a, b) {
    if (a === b) return 0;
    if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : 1;
    const x = Array.from(a);
    const y = Array.from(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }
  function casesOf(files, fileEnding) {
    const sorted = sortPy(files);
    const cmp = pyComparator(sorted);
    const out = [];
    let last;
    let inOrder = true;
    for (const f of sorted) {
      if (!f.endsWith(fileEnding)) continue;
      const id = identifierOf(f, fileEnding);
      if (!last || last.id !== id) {
        if (last && cmp(last.id, id) > 0) {
          inOrder = false;
          break;
        }
        out.push(last = { id, channels: [] });
      }
      if (isChannelFile(f, fileEnding)) last.channels.push(f);
    }
    if (inOrder) return out;
    const byId2 = /* @__PURE__ */ new Map();
    for (const f of sorted) {
      if (!f.endsWith(fileEnding)) continue;
      const id = identifierOf(f, fileEnding);
      let c = byId2.get(id);
      if (!c) byId2.set(id, c = { id, channels: [] });
      if (isChannelFile(f, fileEnding)) c.channels.push(f);
    }
    return sortPy([...byId2.keys()]).map((id) => byId2.get(id));
  }
  function missingChannelIndices(indices) {
    let i = 0;
    while (i < indices.length && indices[i] === i) i++;
    if (i === indices.length) return [];
    const have = new Set(indices.filter((i2) => Number.isFinite(i2)));
    if (!have.size) return [];
    const max = Math.max(...have);
    const out = [];
    for (let i2 = 0; i2 < max; i2++) if (!have.has(i2)) out.push(i2);
    return out;
  }
  function channelSuffix(index) {
    return "_" + String(index).padStart(4, "0");
  }
  function namingIssueOf(name, fileEnding) {
    const id = identifierOf(name, fileEnding);
    if (isHidden(name)) return { file: name, problem: "hidden", id };
    if (isChannelFile(name, fileEnding)) return void 0;
    const stem = pyCutEnd(name, pyLen(fileEnding));
    const sep = /^(.*?)[.\- ]?[.\- ](\p{Nd}{4})$/u.exec(stem);
    if (sep && sep[1]) return { file: name, problem: "separator", id, suggestion: `${sep[1]}_${sep[2]}${fileEnding}` };
    return { file: name, problem: "no-channel", id, suggestion: `${stem}_0000${fileEnding}` };
  }
  function namingIssuesOf(files, fileEnding) {
    const out = [];
    for (const f of sortPy(files)) {
      if (!f.endsWith(fileEnding)) continue;
      const issue = namingIssueOf(f, fileEnding);
      if (issue) out.push(issue);
    }
    return out;
  }
  function endingsOnDisk(files) {
    const out = /* @__PURE__ */ new Map();
    for (const f of files) {
      if (isHidden(f)) continue;
      const e = endingOf(f);
      if (e !== void 0) out.set(e, (out.get(e) ?? 0) + 1);
    }
    return out;
  }
  function checkDatasetFolderName(name) {
    const ok = /^Dataset(\d{3})_(.+)$/.exec(name);
    if (ok) return { ok: true, id: Number(ok[1]) };
    const pad = (n) => String(Number(n)).padStart(3, "0");
    const task = /^Task(\d+)_(.*)$/i.exec(name);
    if (task) {
      const n = Number(task[1]);
      return { ok: false, problem: "task", suggestion: n >= 1 && n <= 999 ? `Dataset${pad(task[1])}_${task[2] || "Name"}` : void 0 };
    }
    const four = /^Dataset(\d{4,})(?:_(.*))?$/.exec(name);
    if (four) return { ok: false, problem: "four-digit", id: Number(four[1].slice(0, 3)), suggestion: void 0 };
    const bare = /^Dataset(\d{3})$/.exec(name);
    if (bare) return { ok: false, problem: "no-name", id: Number(bare[1]), suggestion: `${name}_Name` };
    const loose = /^dataset[_\- ]?(\d{1,3})(?:[_\- ](.*))?$/i.exec(name);
    if (loose) return { ok: false, problem: "not-dataset", suggestion: `Dataset${pad(loose[1])}_${loose[2] || "Name"}` };
    return { ok: false, problem: "not-dataset" };
  }
  function listSome(items, n = 5) {
    const shown2 = items.slice(0, n).join(", ");
    return items.length > n ? `${shown2} and ${items.length - n} more` : shown2;
  }

  // transforms/NNU004-duplicate-key.ts
  var rule5 = {
    meta: {
      code: "NNU004",
      name: "duplicate-key",
      severity: "error",
      fix: ["none"],
      stage: "document",
      summary: "the same key twice in one object: Python silently keeps the last one",
      docs: `JSON does not forbid repeated keys, and Python's \`json.load\` keeps the **last** value
without a word. In \`labels\` that silently drops a class; two \`"ignore"\` keys end in
nnU-Net's "If you use the ignore label it must have the highest label value!" assertion
(MIC-DKFZ/nnUNet #2884). Corpus 013 repeats label keys \`"7"\` and \`"12"\`.

**No fix:** which of the values you meant is not knowable. The message names the key, every
line it appears on, and the value nnU-Net will actually see.`
    },
    check(ctx) {
      const doc = ctx.doc;
      return doc.duplicateKeys.map((d) => {
        const path = getNodePath2(d.object);
        const where2 = path.length ? `in ${JSON.stringify(shorten(path.join(".")))}` : "at the top level";
        const lines = d.properties.map((p) => {
          let line = 1;
          for (let i = 0; i < p.offset; i++) if (doc.text.charCodeAt(i) === 10) line++;
          return line;
        });
        const last = d.properties[d.properties.length - 1];
        const value = last.children?.[1] ? rawOf(doc, last.children[1]) : "?";
        const key = JSON.stringify(shorten(d.key));
        return {
          node: d.properties[1],
          key: `${JSON.stringify(path)}|${d.key}`,
          message: `key ${key} appears ${d.properties.length} times ${where2} (lines ${listSome(lines.map(String), 5)})`,
          nnunet: `sees only the last (Python's json.load keeps it): ${key}: ${shorten(value.replace(/\s+/g, " "), 60)}`,
          help: "delete the entries you do not mean"
        };
      });
    }
  };
  var NNU004_duplicate_key_default = rule5;

  // transforms/NNU005-non-finite-number.ts
  var rule6 = {
    meta: {
      code: "NNU005",
      name: "non-finite-number",
      severity: "error",
      fix: ["none"],
      stage: "document",
      summary: "NaN / Infinity / -Infinity: Python accepts them, nnU-Net then crashes",
      docs: `Python's \`json.load\` accepts the non-standard tokens \`NaN\`, \`Infinity\` and \`-Infinity\`
(they come from \`json.dump\` of a float that went wrong, e.g. a mean over an empty list), so
the file loads; nnU-Net then fails later: \`int(nan)\` raises
\`ValueError: cannot convert float NaN to integer\` for a label value, and a NaN \`numTraining\`
breaks the planner. No other JSON reader accepts these tokens.

**No fix:** the value that was meant is unknown; replace the token with the right number.`
    },
    check(ctx) {
      return ctx.doc.nonFinite.map((n, i) => ({
        offset: n.offset,
        length: n.length,
        key: `nf#${i}:${n.raw}`,
        message: `found ${n.raw}, which is not a JSON number`,
        nnunet: n.raw === "NaN" ? 'reads it (json.load accepts NaN), then fails in int(): "ValueError: cannot convert float NaN to integer"' : `reads it (json.load accepts ${n.raw}), then fails in int(): "OverflowError: cannot convert float infinity to integer"`,
        help: "replace it with the intended number"
      }));
    }
  };
  var NNU005_non_finite_number_default = rule6;

  // transforms/NNU006-not-an-object.ts
  var rule7 = {
    meta: {
      code: "NNU006",
      name: "not-an-object",
      severity: "error",
      fix: ["none"],
      stage: "text",
      summary: "the top level, `labels` or `channel_names` is not a JSON object",
      docs: `nnU-Net indexes dataset.json as a dict (\`dataset_json['labels']\`), iterates \`labels.items()\`
and counts \`channel_names\` entries. A top-level list, or \`labels\`/\`channel_names\` written as a
list or a string, fails with \`TypeError\` or \`AttributeError: 'list' object has no attribute
'items'\`.

**No fix:** the mapping from names to values cannot be guessed from a list. Write it as an
object: \`"labels": {"background": 0, "liver": 1}\`, \`"channel_names": {"0": "CT"}\`.`
    },
    check(ctx) {
      const doc = ctx.doc;
      if (doc.parseErrors.length || !doc.root) return [];
      if (doc.root.type !== "object") {
        return [
          {
            node: doc.root,
            key: "top",
            message: `the top level is a${doc.root.type === "array" ? "n array" : ` ${doc.root.type}`}, not an object`,
            nnunet: "reads dataset.json as a dict and fails with TypeError",
            help: "wrap the keys in { }"
          }
        ];
      }
      if (classify(doc).kind === "not-nnunet") return [];
      const out = [];
      for (const key of ["labels", "channel_names", "modality"]) {
        const v = lastProperty(doc.root, key)?.children?.[1];
        if (v && v.type !== "object") {
          const example = key === "labels" ? '{"background": 0, "liver": 1}' : '{"0": "CT"}';
          out.push({
            node: v,
            message: `"${key}" is a${v.type === "array" ? "n array" : ` ${v.type}`}, not an object`,
            nnunet: "calls .items() on it and fails",
            help: `write it as ${example}`
          });
        }
      }
      return out;
    }
  };
  var NNU006_not_an_object_default = rule7;

  // transforms/NNU007-encoding.ts
  var rule8 = {
    meta: {
      code: "NNU007",
      name: "encoding",
      severity: "error",
      fix: ["none"],
      stage: "bytes",
      blocksWrite: true,
      summary: "not UTF-8 (UTF-16, Latin-1 bytes, binary): reported with the byte offset, never written",
      docs: `nnU-Net opens dataset.json with \`open(file, 'r')\` and no encoding, so Python uses UTF-8 on
Linux and macOS (the locale's code page on Windows without UTF-8 mode). A file saved as
UTF-16 (PowerShell's default \`>\` redirection, Notepad's "Unicode") stops with
\`UnicodeDecodeError\`; Latin-1/cp1252 bytes in a name (\`Ä\`, \`é\`) do too.

**No fix:** converting needs to know the intended characters. Re-save the file as UTF-8
(e.g. \`iconv -f UTF-16 -t UTF-8\`). The message gives the byte offset of the first bad byte.
Files containing NUL bytes are treated as binary and never written.`
    },
    check(ctx) {
      const e = ctx.decodeError;
      if (!e) return [];
      const what = e.reason.replace(/; Python's json\.load reads UTF-8$/, "");
      return [
        {
          offset: 0,
          length: 0,
          key: "encoding",
          message: `${what} (first bad byte at offset ${e.offset})`,
          nnunet: "stops with UnicodeDecodeError: it opens dataset.json as UTF-8 on Linux and macOS",
          help: "re-save the file as UTF-8"
        }
      ];
    }
  };
  var NNU007_encoding_default = rule8;

  // src/labels.ts
  function readInt(doc, node) {
    if (!node) return { ok: false, reason: "missing value" };
    let r;
    const nf = doc.nonFinite.find((n) => n.offset === node.offset);
    if (nf) r = pyIntFromNumberToken(nf.raw);
    else if (node.type === "number") r = pyIntFromNumberToken(doc.text.slice(node.offset, node.offset + node.length));
    else if (node.type === "string") r = pyIntFromString(String(node.value));
    else if (node.type === "boolean") r = { ok: true, value: node.value ? "1" : "0" };
    else r = pyIntTypeError(node.type);
    if (!r.ok) return { ok: false, reason: r.error };
    const exact = node.type === "number" && !nf && /^-?\d+$/.test(doc.text.slice(node.offset, node.offset + node.length));
    return { ok: true, value: BigInt(r.value), int: r.value, exact };
  }
  function labelView(doc, labels) {
    if (labels?.type !== "object") return void 0;
    const inverted = labelsInverted(labels);
    const entries2 = [];
    for (const prop of labels.children ?? []) {
      const k = prop.children?.[0];
      const v = prop.children?.[1];
      if (!k || !v) continue;
      if (inverted) {
        const key = String(k.value);
        const r = pyIntFromString(key);
        entries2.push({ prop, name: String(v.value), nameNode: v, valueNode: k, values: r.ok ? [BigInt(r.value)] : void 0, isList: false });
        continue;
      }
      let values;
      if (v.type === "array") {
        const r = (v.children ?? []).map((c) => readInt(doc, c));
        values = r.every((x) => x.ok) ? r.map((x) => x.value) : void 0;
      } else {
        const r = readInt(doc, v);
        values = r.ok ? [r.value] : void 0;
      }
      entries2.push({ prop, name: String(k.value), nameNode: k, valueNode: v, values, isList: v.type === "array" });
    }
    const unreadableKey = inverted ? void 0 : v1UnreadableKey(labels);
    return { node: labels, inverted, entries: unreadableKey ? [] : entries2, unreadableKey };
  }
  function isRegionMode(view) {
    return view.entries.some((e) => e.isList && (e.valueNode.children?.length ?? 0) > 1);
  }
  var BACKGROUND_SPELLINGS = /* @__PURE__ */ new Set(["background", "bg", "bkg", "backgroud", "backround", "bakground", "back ground", "back_ground", "hintergrund"]);
  function isBackgroundSpelling(name) {
    return BACKGROUND_SPELLINGS.has(name.trim().toLowerCase());
  }
  function v1UnreadableKey(labels) {
    const props = labels.children ?? [];
    const values = props.map((p) => p.children?.[1]);
    if (!props.length || !values.every((v) => v?.type === "string")) return void 0;
    if (values.every((v) => pyIntFromString(String(v.value)).ok)) return void 0;
    const keys = props.map((p) => p.children?.[0]).filter((k) => !!k);
    return keys.find((k) => !pyIntFromString(String(k.value)).ok);
  }

  // transforms/NNU101-background-missing.ts
  var NNUNET_SAYS = '"Background label not declared (remember that this should be label 0!)"';
  var rule9 = {
    meta: {
      code: "NNU101",
      name: "background-missing",
      severity: "error",
      fix: ["safe", "none"],
      stage: "document",
      summary: 'no label named exactly "background" (Background, BG, " background", or none at all)',
      docs: `nnU-Net's \`LabelManager\` looks for the key \`"background"\` in \`labels\`, exactly: case and
blanks count. Without it every step from preprocessing to inference stops with
${NNUNET_SAYS} (MIC-DKFZ/nnUNet #2893, #1509, #2156;
bhklab/med-imagetools #375). Neither of nnU-Net's converters renames a label 0 called
\`"Background"\` (corpus 020, 021).

**Fix (safe)** in two cases:
- a label with value 0 is a spelling of background (\`Background\`, \`BG\`, \`bg\`, \`" background "\`,
  \`backgroud\`, \`Hintergrund\`): its key is renamed to \`"background"\` in place;
- value 0 is not used by any label (labels start at 1): \`"background": 0\` is inserted as the
  first entry, indented like its siblings. nnU-Net requires the declaration even when no voxel
  is background (#1509).

**No fix** when 0 belongs to a real class (\`"tumour": 0\`): nnU-Net reserves 0 for background,
so the segmentations must be relabelled (shift every value by one) before \`"background": 0\`
can be declared. The message says so.`
    },
    check(ctx) {
      const view = labelView(ctx.doc, ctx.prop("labels")?.children?.[1]);
      if (!view || !view.entries.length) return [];
      if (view.entries.some((e) => e.name === "background")) return [];
      const spelled = view.entries.find((e) => isBackgroundSpelling(e.name));
      if (spelled) {
        const name = jsonString(shorten(spelled.name));
        const found = view.inverted ? `${jsonString(shorten(String(spelled.valueNode.value)))}: ${name}` : `${name}: ${shorten(spelled.values?.join(", ") ?? "?", 20)}`;
        if (!spelled.isList && spelled.values?.length === 1 && spelled.values[0] === 0n) {
          return [
            {
              node: spelled.nameNode,
              key: "background",
              message: `background label not declared: found ${found}`,
              nnunet: `matches the key "background" exactly (case and blanks count) and stops with ${NNUNET_SAYS}`,
              fix: {
                applicability: "safe",
                title: `rename ${name} to "background"`,
                edits: [view.inverted ? replaceNode(spelled.nameNode, '"background"') : renameKey(spelled.prop, "background")],
                scope: [["labels"]]
              }
            }
          ];
        }
        return [
          {
            node: spelled.nameNode,
            key: "background",
            message: `background label not declared: found ${found}, a spelling of background that is not 0`,
            nnunet: `stops with ${NNUNET_SAYS}`,
            help: 'background must be "background": 0: relabel the segmentations so background voxels are 0, then rename the key'
          }
        ];
      }
      const zero = view.entries.find((e) => e.values?.includes(0n));
      if (!zero) {
        const all = view.entries.flatMap((e) => e.values ?? []);
        const lowest = all.length ? all.reduce((a, b) => b < a ? b : a) : void 0;
        const content = view.inverted ? ["0", '"background"'] : ["background", "0"];
        return [
          {
            node: view.node,
            key: "background",
            message: `background label not declared: labels ${lowest !== void 0 ? `start at ${shorten(String(lowest))}` : "have no value 0"} and none is "background"`,
            nnunet: `stops with ${NNUNET_SAYS}`,
            fix: {
              applicability: "safe",
              title: 'insert "background": 0 as the first label',
              edits: [insertFirstProperty(ctx.doc, view.node, content[0], content[1])],
              scope: [["labels"]]
            }
          }
        ];
      }
      return [
        {
          node: zero.nameNode,
          key: "background",
          message: `background label not declared, and value 0 is the class ${jsonString(shorten(zero.name))}`,
          nnunet: `reserves 0 for background and stops with ${NNUNET_SAYS}`,
          help: 'not fixable in dataset.json: relabel the segmentations (shift every value by 1, e.g. with numpy or SimpleITK), then declare "background": 0'
        }
      ];
    }
  };
  var NNU101_background_missing_default = rule9;

  // transforms/NNU102-labels-inverted.ts
  var NNUNET_SAYS2 = '"Background label not declared (remember that this should be label 0!)"';
  var rule10 = {
    meta: {
      code: "NNU102",
      name: "labels-inverted",
      severity: "error",
      fix: ["safe", "none"],
      stage: "document",
      summary: 'labels written the v1/MSD way ("0": "background") instead of name -> value',
      docs: `nnU-Net v1 and the Medical Segmentation Decathlon write \`labels\` as value -> name:

    "labels": {"0": "background", "1": "liver"}

nnU-Net v2 reads name -> value and stops in \`LabelManager\` with
"Background label not declared (remember that this should be label 0!)"
(MIC-DKFZ/nnUNet #2674, #2156, #2762).

**Fix (safe):** every entry is inverted in place, entry order kept and background
(the entry for 0) first: \`{"background": 0, "liver": 1}\`. Within the \`labels\` object
only the key and value tokens change; indentation, line breaks and commas stay. This is
what \`nnUNetv2_convert_MSD_dataset\` does to \`labels\`, without copying the dataset.

**No fix** when two values carry the same name (inverting would create a duplicate key,
and Python would silently keep only the last one): rename one of them first.`
    },
    check(ctx) {
      const labelsProp = ctx.prop("labels");
      const view = labelView(ctx.doc, labelsProp?.children?.[1]);
      if (view?.unreadableKey) {
        const k = view.unreadableKey;
        const r = pyIntFromString(String(k.value));
        return [
          {
            node: k,
            message: `labels look inverted (v1/MSD style), but the key ${jsonString(shorten(String(k.value)))} is not an integer`,
            nnunet: `v2 stops with ${NNUNET_SAYS2}; its converters fail on that key${r.ok ? "" : ` with "${shorten(r.error, 80)}"`}`,
            help: "not fixed automatically: write the key as the integer it stands for (or the whole object as name -> value), then run again"
          }
        ];
      }
      if (!view?.inverted) return [];
      const first = view.entries[0];
      const found = {
        message: `labels are inverted: ${jsonString(shorten(String(first.valueNode.value)))}: ${jsonString(shorten(first.name))} (v1/MSD style)`,
        nnunet: `v2 reads name -> value and stops with ${NNUNET_SAYS2}`
      };
      if (duplicateKeysOf(ctx.doc, view.node).length) {
        return [
          {
            node: view.node,
            ...found,
            help: "not fixed automatically: labels repeats a key (NNU004), and Python keeps only the last of each; delete the entries you do not mean, then run again"
          }
        ];
      }
      const nameOf = (e) => e.values[0] === 0n && isBackgroundSpelling(e.name) ? "background" : e.name;
      const names = view.entries.map(nameOf);
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup !== void 0) {
        return [
          {
            node: view.node,
            ...found,
            help: `not fixed automatically: the name ${jsonString(shorten(dup))} is used for two values, and inverting would keep only one; rename one of them, then run again`
          }
        ];
      }
      const order = [...view.entries].sort((a, b) => Number(a.values?.[0] !== 0n) - Number(b.values?.[0] !== 0n));
      const texts = order.map((e, i) => jsonString(nameOf(e)) + colonOf(ctx.doc, view.entries[i].prop) + String(e.values[0]));
      const preview = order.slice(0, 2).map((e) => `${jsonString(shorten(nameOf(e)))}: ${shorten(String(e.values[0]))}`).join(", ");
      return [
        {
          node: view.node,
          ...found,
          fix: {
            applicability: "safe",
            title: `invert labels to {${preview}${order.length > 2 ? ", ..." : ""}}`,
            edits: rewriteSlots(view.node, texts),
            scope: [["labels"]]
          }
        }
      ];
    }
  };
  var NNU102_labels_inverted_default = rule10;

  // transforms/NNU103-background-not-zero.ts
  var rule11 = {
    meta: {
      code: "NNU103",
      name: "background-not-zero",
      severity: "error",
      severities: ["error", "warning"],
      fix: ["safe", "none"],
      stage: "document",
      summary: `background's value is not the integer 0 ([0], "0", 0.0, false, or another number)`,
      docs: `nnU-Net requires \`"background": 0\`: \`LabelManager\` asserts that the value is not a list or
tuple and that \`int(value) == 0\`, with "Background label must be 0. Not a list. Not a tuple.
Your background label: {bg}" or "Background label must be 0. Your background label: {bg}".
Generators that stringify values write \`"background": "0"\` (corpus 073).

**Fix (safe):** \`[0]\`, \`"0"\`, \`0.0\` and \`false\` all mean 0 and become \`0\`. \`[0]\` stops
nnU-Net (an **error**); the others pass its \`int()\` by accident (a **warning**, fixed all the same).
**No fix** for any other value: background voxels must be 0 in the segmentations, so a
background of 255 or 1 means the segmentations must be relabelled.`
    },
    check(ctx) {
      const doc = ctx.doc;
      const view = labelView(doc, ctx.prop("labels")?.children?.[1]);
      const bg = view?.entries.find((e) => e.name === "background");
      if (!view || !bg) return [];
      if (view.inverted) {
        if (bg.values?.[0] === 0n) return [];
        const value = shorten(String(bg.valueNode.value));
        return [
          {
            node: bg.valueNode,
            key: "bg",
            message: `background has value ${value}, not 0`,
            nnunet: `stops with "Background label must be 0. Your background label: ${value}"`,
            help: "relabel the segmentations so background is 0"
          }
        ];
      }
      const v = bg.valueNode;
      const raw = rawOf(doc, v);
      if (v.type === "number" && raw === "0") return [];
      let zeroLike;
      if (v.type === "array") {
        const kids = v.children ?? [];
        const r0 = readInt(doc, kids[0]);
        zeroLike = kids.length === 1 && r0.ok && r0.value === 0n && kids[0].type !== "array";
      } else {
        const r = readInt(doc, v);
        zeroLike = r.ok && r.value === 0n && (v.type !== "number" || Number(raw) === 0);
      }
      const shown2 = shorten(raw.replace(/\s+/g, " "));
      if (zeroLike) {
        const list2 = v.type === "array";
        return [
          {
            node: v,
            key: "bg",
            severity: list2 ? "error" : "warning",
            message: `background is ${shown2}, not the integer 0`,
            nnunet: list2 ? 'stops with "Background label must be 0. Not a list. Not a tuple."' : "reads it as 0 only by accident of int()",
            fix: { applicability: "safe", title: `write background as 0 (was ${shown2})`, edits: [replaceNode(v, "0")], scope: [["labels", "background"]] }
          }
        ];
      }
      return [
        {
          node: v,
          key: "bg",
          message: `background is ${shown2}, not 0`,
          nnunet: `stops with "Background label must be 0. Your background label: ${shown2}"`,
          help: 'background voxels must be 0: relabel the segmentations, then write "background": 0'
        }
      ];
    }
  };
  var NNU103_background_not_zero_default = rule11;

  // transforms/NNU104-background-not-first.ts
  var rule12 = {
    meta: {
      code: "NNU104",
      name: "background-not-first",
      severity: "style",
      fix: ["safe"],
      stage: "document",
      optIn: true,
      summary: "background is not the first entry of labels (style; on only with --select NNU104)",
      docs: `nnU-Net does not care where \`background\` stands in \`labels\`: files written with
\`sort_keys=True\` (batchgenerators' \`save_json\` default) put it wherever the alphabet does
(corpus 034, 063), and they work. Background first is still the convention of nnU-Net's
examples and easier to read, so this rule exists, but it is **not in the default set**:
turn it on with \`--select NNU104\`.

**Fix (safe):** the background entry moves to the first slot and the others shift down one
slot, in their order; commas, line breaks and indentation stay where they were. In region
mode the order of the other entries is the region order, and it is kept.`
    },
    check(ctx) {
      const view = labelView(ctx.doc, ctx.prop("labels")?.children?.[1]);
      if (!view || view.inverted) return [];
      const i = view.entries.findIndex((e) => e.name === "background");
      if (i <= 0) return [];
      const props = view.node.children ?? [];
      const bg = props[i];
      const order = [bg, ...props.filter((p) => p !== bg)];
      return [
        {
          node: view.entries[i].nameNode,
          key: "bg-first",
          message: `"background" is entry ${i + 1} of ${props.length} in labels`,
          nnunet: "does not mind",
          help: "background first is the convention",
          fix: {
            applicability: "safe",
            title: 'move "background" to the first entry',
            edits: rewriteSlots(
              view.node,
              order.map((p) => rawOf(ctx.doc, p))
            ),
            scope: [["labels"]]
          }
        }
      ];
    }
  };
  var NNU104_background_not_first_default = rule12;

  // transforms/NNU105-label-value-not-int.ts
  var rule13 = {
    meta: {
      code: "NNU105",
      name: "label-value-not-int",
      severity: "error",
      severities: ["error", "warning"],
      fix: ["safe", "none"],
      stage: "document",
      summary: 'a label value is a string, float or boolean ("1", 1.0, true, "liver") instead of an integer',
      docs: `nnU-Net reads every label value with Python's \`int()\` (or a list of such values for
regions). \`"1"\`, \`1.0\` and \`true\` survive that by accident (a **warning**: other code, such as
the ignore-label check, tests \`isinstance(v, int)\` and fails on them); \`"1.0"\` or \`"liver"\`
raise \`ValueError: invalid literal for int() with base 10\` (an **error**). Generators that
stringify values write \`"liver": "1"\` (corpus 073).

**Fix (safe):** \`"1"\`, \`1.0\`, \`true\` become \`1\` (inside region lists too).
**No fix** for values \`int()\` cannot read: write the intended integer. \`background\` and
\`ignore\` have their own rules (NNU103, NNU107).`
    },
    check(ctx) {
      const doc = ctx.doc;
      const view = labelView(doc, ctx.prop("labels")?.children?.[1]);
      if (!view || view.inverted) return [];
      const out = [];
      const checkToken = (name, node, path) => {
        const label = jsonString(shorten(name));
        if (node.type === "array" || node.type === "object") {
          if (node.type === "object" || path.length > 2) {
            out.push({
              node,
              severity: "error",
              message: `label ${label} has a nested ${node.type} value`,
              nnunet: "reads a label as an integer or a flat list of integers, and fails on it",
              help: "write the intended integer(s)"
            });
          }
          return;
        }
        const raw = rawOf(doc, node);
        const r = readInt(doc, node);
        if (r.ok && r.exact) return;
        const found = `label ${label} has the value ${shorten(raw)}, not an integer`;
        if (r.ok && (node.type !== "number" || Number.isInteger(Number(raw)))) {
          out.push({
            node,
            severity: "warning",
            message: found,
            nnunet: `reads it as ${shorten(r.int)} only by accident of int(); checks that need an int fail on it`,
            fix: { applicability: "safe", title: `write ${label} as ${shorten(r.int)}`, edits: [replaceNode(node, r.int)], scope: [path] }
          });
          return;
        }
        out.push({
          node,
          severity: "error",
          message: found,
          nnunet: r.ok ? `silently truncates it to ${shorten(r.int)} with int()` : `fails with "${shorten(r.reason, 100)}"`,
          help: "write the intended integer"
        });
      };
      for (const e of view.entries) {
        if (e.name === "background" || e.name === "ignore") continue;
        if (e.valueNode.type === "array") (e.valueNode.children ?? []).forEach((c, i) => checkToken(e.name, c, ["labels", e.name, i]));
        else checkToken(e.name, e.valueNode, ["labels", e.name]);
      }
      return out;
    }
  };
  var NNU105_label_value_not_int_default = rule13;

  // transforms/NNU106-labels-not-consecutive.ts
  var rule14 = {
    meta: {
      code: "NNU106",
      name: "labels-not-consecutive",
      severity: "error",
      fix: ["none"],
      stage: "document",
      summary: "label values are not consecutive (0, 1, 2, ...): the segmentations must be relabelled",
      docs: `nnU-Net's \`verify_dataset_integrity\` requires the sorted label values (plus the ignore
label) to be consecutive: "Labels must be in consecutive order (0, 1, 2, ...). The labels {arr}
do not satisfy this restriction". Without \`--verify_dataset_integrity\` the gap surfaces later as
an \`IndexError\` or a CUDA assert during training (MIC-DKFZ/nnUNet #982, #1757, #1264).

**No fix:** the values name voxel values in the segmentation files; a JSON edit cannot close a
gap. Relabel the segmentations to 0..N (the maintainers' advice), then update \`labels\`. If a
class was only forgotten in \`labels\`, declare it (see NNU401 with \`--labels\`).`
    },
    check(ctx) {
      const view = labelView(ctx.doc, ctx.prop("labels")?.children?.[1]);
      if (!view || !view.entries.length) return [];
      if (view.entries.some((e) => !e.values)) return [];
      const values = /* @__PURE__ */ new Set([0n]);
      for (const e of view.entries) for (const v of e.values) values.add(v);
      const sorted = [...values].sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
      const gaps = [];
      for (let v = 0n; v < sorted[sorted.length - 1] && gaps.length < 10; v++) if (!values.has(v)) gaps.push(v);
      const negative = sorted.filter((v) => v < 0n);
      if (!gaps.length && !negative.length) return [];
      const shown2 = sorted.length > 12 ? `${sorted.slice(0, 12).map((v) => shorten(String(v), 20)).join(" ")} ...` : sorted.map((v) => shorten(String(v), 20)).join(" ");
      const some = (vs) => vs.slice(0, 5).map((v) => shorten(String(v), 20)).join(", ") + (vs.length > 5 ? ", ..." : "");
      return [
        {
          node: view.node,
          key: "consecutive",
          message: `label values are not consecutive (${negative.length ? `negative: ${some(negative)}` : `missing: ${some(gaps)}`})`,
          nnunet: `stops with "Labels must be in consecutive order (0, 1, 2, ...). The labels [${shown2}] do not satisfy this restriction" (--verify_dataset_integrity)`,
          help: "relabel the segmentations to 0..N, then update labels"
        }
      ];
    }
  };
  var NNU106_labels_not_consecutive_default = rule14;

  // transforms/NNU107-ignore-label.ts
  var NOT_HIGHEST = '"If you use the ignore label it must have the highest label value! It cannot be 0 or in between other labels. Sorry bro."';
  function notInt(v) {
    const type = { array: "list", string: "str", object: "dict", number: "float" }[v.type];
    return `"Ignore label has to be an integer. It cannot be a region (list/tuple). Got ${type ? `<class '${type}'>` : "..."}."`;
  }
  var rule15 = {
    meta: {
      code: "NNU107",
      name: "ignore-label",
      severity: "error",
      severities: ["error", "warning"],
      fix: ["safe", "none"],
      stage: "document",
      summary: 'the "ignore" label is not an integer, or not the highest value; "Ignore" is a normal class',
      docs: `nnU-Net supports one ignore label for sparse annotation: only the key spelled exactly
\`"ignore"\` counts, its value must be a Python \`int\` (\`isinstance\`, so \`"4"\` and \`4.0\` fail
with "Ignore label has to be an integer. It cannot be a region (list/tuple). Got {type}."), and
it must equal max(other labels) + 1: "If you use the ignore label it must have the highest label
value! It cannot be 0 or in between other labels. Sorry bro." Two \`"ignore"\` keys keep only the
last (#2884, see NNU004).

**Fix (safe):** \`"4"\` and \`4.0\` become \`4\`.
**No fix:** a value that is not max + 1 (the segmentations carry that value), or a region.
\`"Ignore"\`/\`"IGNORE"\` are **warnings**: nnU-Net treats them as a normal class that the network
learns to predict, which is rarely what was meant; rename the key to \`"ignore"\` if it is.`
    },
    check(ctx) {
      const doc = ctx.doc;
      const view = labelView(doc, ctx.prop("labels")?.children?.[1]);
      if (!view) return [];
      const out = [];
      for (const e of view.entries) {
        if (e.name !== "ignore" && e.name.trim().toLowerCase() === "ignore") {
          const name = jsonString(shorten(e.name));
          out.push({
            node: e.nameNode,
            severity: "warning",
            message: `label ${name} is not the ignore label "ignore"`,
            nnunet: `treats only the key "ignore" (exact spelling) as the ignore label and trains ${name} as a normal class`,
            help: 'rename it to "ignore" if it marks unlabelled voxels'
          });
        }
      }
      const ign = view.entries.find((e) => e.name === "ignore");
      if (!ign) return out;
      const others = view.entries.filter((e) => e !== ign).flatMap((e) => e.values ?? []);
      const expected = others.length ? others.reduce((a, b) => b > a ? b : a) + 1n : 1n;
      if (view.inverted) {
        if (ign.values?.[0] !== expected) {
          out.push({
            node: ign.valueNode,
            message: `the ignore label is ${shorten(String(ign.valueNode.value))}, not the highest value (${expected})`,
            nnunet: `stops with ${NOT_HIGHEST}`,
            help: "relabel the segmentations"
          });
        }
        return out;
      }
      const v = ign.valueNode;
      const raw = rawOf(doc, v);
      const r = readInt(doc, v);
      if (v.type === "array" || !r.ok) {
        out.push({
          node: v,
          message: `the ignore label is ${shorten(raw.replace(/\s+/g, " "))}, not an integer`,
          nnunet: `stops with ${notInt(v)}`,
          help: `write one integer, ${expected}`
        });
        return out;
      }
      if (r.value !== expected) {
        out.push({
          node: v,
          message: `the ignore label is ${shorten(r.int)}, not max(other labels) + 1 = ${expected}`,
          nnunet: `stops with ${NOT_HIGHEST}`,
          help: `relabel the segmentations so unlabelled voxels are ${expected}`
        });
        return out;
      }
      if (!r.exact) {
        out.push({
          node: v,
          message: `the ignore label is ${shorten(raw)}, not an integer`,
          nnunet: `checks isinstance(value, int) and stops with ${notInt(v)}`,
          fix: { applicability: "safe", title: `write "ignore" as ${r.int}`, edits: [replaceNode(v, r.int)], scope: [["labels", "ignore"]] }
        });
      }
      return out;
    }
  };
  var NNU107_ignore_label_default = rule15;

  // transforms/NNU108-regions.ts
  var rule16 = {
    meta: {
      code: "NNU108",
      name: "regions",
      severity: "error",
      fix: ["none"],
      stage: "document",
      summary: "region-based labels without a matching regions_class_order",
      docs: `When a label value is a list of more than one value (\`"whole tumor": [1, 2, 3]\`), nnU-Net
trains on regions, and \`regions_class_order\` must say in which order the regions are painted
back into a segmentation, one entry per region (background and \`ignore\` do not count).
nnU-Net stops with "if region-based training is requested then you need to define
regions_class_order!" or "regions_class_order must have as many entries as there are regions".
Regions are built in **key order** of \`labels\`, so that order carries meaning: nnunet-doctor
never reorders \`labels\` in region mode.

**No fix:** the painting order is a modelling decision (BraTS uses \`[1, 2, 3]\`, KiTS
\`[1, 3, 2]\`; corpus 045, 046).`
    },
    check(ctx) {
      const view = labelView(ctx.doc, ctx.prop("labels")?.children?.[1]);
      if (!view || view.inverted || !isRegionMode(view)) return [];
      const regions = view.entries.filter((e) => e.name !== "background" && e.name !== "ignore" && !(e.values?.length === 1 && e.values[0] === 0n));
      const rco = ctx.prop("regions_class_order");
      const value = rco?.children?.[1];
      if (!value) {
        return [
          {
            node: view.node,
            key: "rco",
            message: `labels define ${regions.length} regions (list values) but regions_class_order is missing`,
            nnunet: 'stops with "if region-based training is requested then you need to define regions_class_order!"',
            help: `add "regions_class_order": [...] with ${regions.length} entries, in the order the regions are painted`
          }
        ];
      }
      if (value.type !== "array")
        return [
          {
            node: value,
            key: "rco",
            message: `regions_class_order is a${value.type === "object" ? "n" : ""} ${value.type}, not a list`,
            help: `write a list with one entry per region (${regions.length})`
          }
        ];
      const n = value.children?.length ?? 0;
      if (n !== regions.length) {
        return [
          {
            node: value,
            key: "rco",
            message: `regions_class_order has ${n} entries but labels define ${regions.length} regions`,
            nnunet: 'stops with "regions_class_order must have as many entries as there are regions"',
            help: `the regions, in key order: ${listSome(
              regions.map((r) => jsonString(shorten(r.name))),
              5
            )}`
          }
        ];
      }
      return [];
    }
  };
  var NNU108_regions_default = rule16;

  // transforms/NNU109-duplicate-label-value.ts
  var rule17 = {
    meta: {
      code: "NNU109",
      name: "duplicate-label-value",
      severity: "warning",
      fix: ["none"],
      stage: "document",
      summary: "two label names share one value (most likely a copy-paste mistake)",
      docs: `Outside region mode each label value should have one name. Two names with the same value
pass every nnU-Net check (only the planner's memory estimate counts \`len(labels)\`), so the
mistake goes unnoticed: usually a copy-pasted line whose value was not updated, which leaves
a class undeclared.

**No fix:** which name is right is not knowable. Give each class its own value, matching the
segmentations.`
    },
    check(ctx) {
      const view = labelView(ctx.doc, ctx.prop("labels")?.children?.[1]);
      if (!view || view.inverted || isRegionMode(view)) return [];
      const byValue = /* @__PURE__ */ new Map();
      for (const e of view.entries) {
        if (!e.values || e.values.length !== 1) continue;
        const v = e.values[0];
        byValue.set(v, [...byValue.get(v) ?? [], e.name]);
      }
      const out = [];
      for (const [v, names] of byValue) {
        if (names.length < 2) continue;
        const second = view.entries.filter((e) => e.values?.[0] === v)[1];
        out.push({
          node: second.nameNode,
          key: `dup@${v}`,
          message: `labels ${names.length > 3 ? `${names.slice(0, 3).map((n) => jsonString(shorten(n))).join(", ")} and ${names.length - 3} more` : names.map((n) => jsonString(shorten(n))).join(" and ")} share the value ${shorten(String(v))}`,
          nnunet: "accepts it",
          help: "most likely a copy-paste mistake that leaves a class undeclared: give each class its own value"
        });
      }
      return out;
    }
  };
  var NNU109_duplicate_label_value_default = rule17;

  // transforms/NNU110-labels-empty.ts
  var rule18 = {
    meta: {
      code: "NNU110",
      name: "labels-empty",
      severity: "error",
      fix: ["none"],
      stage: "document",
      summary: "`labels` is missing or empty",
      docs: `\`labels\` is required: \`verify_dataset_integrity\` lists it under "not all required keys are
present in dataset.json", and without the flag \`LabelManager\` fails with \`KeyError: 'labels'\`
or "Background label not declared". An empty object declares no class at all.

**No fix:** the classes are in your segmentations, not in the JSON. Add
\`"labels": {"background": 0, "<class>": 1, ...}\`; \`nnunet-doctor --labels\` lists the values that
occur in labelsTr.`
    },
    check(ctx) {
      const prop = ctx.prop("labels");
      if (!prop) {
        return [
          {
            node: ctx.root,
            key: "labels",
            message: 'the required key "labels" is missing',
            nnunet: `stops with "not all required keys are present in dataset.json" (Missing: ['labels'])`,
            help: 'add "labels": {"background": 0, ...}'
          }
        ];
      }
      const v = prop.children?.[1];
      if (v?.type === "object" && !v.children?.length) {
        return [
          {
            node: v,
            key: "labels",
            message: '"labels" is empty',
            nnunet: 'stops with "Background label not declared (remember that this should be label 0!)"',
            help: 'declare "background": 0 and one entry per class'
          }
        ];
      }
      return [];
    }
  };
  var NNU110_labels_empty_default = rule18;

  // src/document.ts
  function decodeBytes(bytes) {
    if (bytes.length >= 2 && (bytes[0] === 255 && bytes[1] === 254 || bytes[0] === 254 && bytes[1] === 255)) {
      const which = bytes[0] === 255 ? "UTF-16 LE" : "UTF-16 BE";
      return { ok: false, reason: `file is ${which} (starts with a UTF-16 byte-order mark); Python's json.load reads UTF-8`, offset: 0 };
    }
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
      const utf16ish = looksLikeUtf16(bytes);
      return {
        ok: false,
        reason: utf16ish ? "file looks like UTF-16 without a byte-order mark (NUL bytes); Python's json.load reads UTF-8" : "file contains NUL bytes: binary content, not a JSON text",
        offset: nul
      };
    }
    try {
      const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
      return { ok: true, text };
    } catch {
      const offset = firstInvalidUtf8(bytes);
      const b = bytes[offset];
      return {
        ok: false,
        reason: `invalid UTF-8 byte 0x${(b ?? 0).toString(16).padStart(2, "0")} (Latin-1/cp1252 text?); Python's json.load reads UTF-8`,
        offset
      };
    }
  }
  function looksLikeUtf16(bytes) {
    const n = Math.min(bytes.length, 256) & ~1;
    if (n < 4) return false;
    let even = 0;
    let odd = 0;
    for (let i = 0; i < n; i++) {
      if (bytes[i] !== 0) continue;
      if (i % 2) odd++;
      else even++;
    }
    const half = n / 2;
    return even > 0.7 * half && odd < 0.1 * half || odd > 0.7 * half && even < 0.1 * half;
  }
  function firstInvalidUtf8(bytes) {
    let i = 0;
    while (i < bytes.length) {
      const b = bytes[i];
      let n;
      let min;
      if (b < 128) {
        i++;
        continue;
      } else if (b >= 194 && b <= 223) {
        n = 1;
        min = 128;
      } else if (b >= 224 && b <= 239) {
        n = 2;
        min = 2048;
      } else if (b >= 240 && b <= 244) {
        n = 3;
        min = 65536;
      } else return i;
      if (i + n >= bytes.length) return i;
      let cp = b & 63 >> n;
      for (let k = 1; k <= n; k++) {
        const c = bytes[i + k];
        if (c === void 0 || (c & 192) !== 128) return i;
        cp = cp << 6 | c & 63;
      }
      if (cp < min || cp > 1114111 || cp >= 55296 && cp <= 57343) return i;
      i += n + 1;
    }
    return bytes.length;
  }
  var SyntaxKind2 = {
    OpenBraceToken: 1,
    CloseBraceToken: 2,
    OpenBracketToken: 3,
    CloseBracketToken: 4,
    CommaToken: 5,
    NumericLiteral: 11,
    LineCommentTrivia: 12,
    BlockCommentTrivia: 13,
    LineBreakTrivia: 14,
    Trivia: 15,
    Unknown: 16,
    EOF: 17
  };
  function parseDocument(text, options = {}) {
    if (options.path === "jsonc") return parseJsonc(text);
    let fast;
    try {
      const reuse = options.after?.from.validated ? shiftValidated(options.after.from.validated, options.after.edits) : void 0;
      fast = parseStrict(text, { reuse });
    } catch (e) {
      if (!(e instanceof PyJsonError)) throw e;
    }
    if (fast) {
      const root = fast.root;
      return makeDocument(text, {
        bom: false,
        root,
        parseErrors: [],
        comments: [],
        trailingCommas: [],
        duplicateKeys: fast.hasDuplicateKeys ? findDuplicateKeys(root) : [],
        nonFinite: fast.nonFinite,
        strict: true,
        validated: fast.validated
      });
    }
    return parseJsonc(text);
  }
  function plainValue(doc, node) {
    const end = node.offset + node.length;
    if (isLazyContainer(node) && !doc.nonFinite.some((n) => n.offset >= node.offset && n.offset < end)) return JSON.parse(doc.text.slice(node.offset, end));
    return getNodeValue2(node);
  }
  function makeDocument(text, fields) {
    let lines;
    let indent;
    return {
      text,
      eol: detectEol(text),
      finalNewline: text.endsWith("\n"),
      ...fields,
      get lines() {
        return lines ??= new LineIndex(text);
      },
      get indent() {
        return indent ??= detectIndent(text, fields.root);
      }
    };
  }
  function blankRepairable(text, comments, trailingCommas, bom) {
    const spans = comments.map((c) => [c.offset, c.length]);
    for (const off of trailingCommas) spans.push([off, 1]);
    if (bom) spans.push([0, 1]);
    spans.sort((a, b) => a[0] - b[0]);
    let out = "";
    let from = 0;
    for (const [off, len] of spans) {
      if (off < from) continue;
      out += text.slice(from, off) + text.slice(off, off + len).replace(/[^\r\n]/g, " ");
      from = off + len;
    }
    return out + text.slice(from);
  }
  function parseJsonc(text) {
    const bom = text.charCodeAt(0) === 65279;
    const masks = [];
    if (bom) masks.push([0, " "]);
    const comments = [];
    const trailingCommas = [];
    const nonFinite = [];
    const scanner = createScanner2(text, false);
    if (bom) scanner.setPosition(1);
    let lastSignificant;
    let lastSignificantOffset = -1;
    let depth = 0;
    let maxDepth = 0;
    for (; ; ) {
      const kind = scanner.scan();
      if (kind === SyntaxKind2.EOF) break;
      const off = scanner.getTokenOffset();
      const len = scanner.getTokenLength();
      switch (kind) {
        case SyntaxKind2.LineCommentTrivia:
          comments.push({ offset: off, length: len, kind: "line" });
          continue;
        case SyntaxKind2.BlockCommentTrivia:
          comments.push({ offset: off, length: len, kind: "block" });
          continue;
        case SyntaxKind2.LineBreakTrivia:
        case SyntaxKind2.Trivia:
          continue;
        case SyntaxKind2.Unknown: {
          const value = scanner.getTokenValue();
          if (text[off] === "#") {
            let end = off;
            while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end++;
            comments.push({ offset: off, length: end - off, kind: "hash" });
            masks.push([off, " ".repeat(end - off)]);
            scanner.setPosition(end);
            continue;
          }
          const glued = off > 0 && /[\w.+-]/.test(text[off - 1]);
          if (!glued && (value === "NaN" || value === "Infinity")) {
            nonFinite.push({ offset: off, length: len, raw: value });
            masks.push([off, "0.".padEnd(len, "0")]);
            lastSignificant = SyntaxKind2.NumericLiteral;
            lastSignificantOffset = off;
            continue;
          }
          if (!glued && value === "-" && text.startsWith("Infinity", off + 1) && !/[^\s{}[\],:"/]/.test(text[off + 9] ?? " ")) {
            nonFinite.push({ offset: off, length: 9, raw: "-Infinity" });
            masks.push([off, "-0.".padEnd(9, "0")]);
            scanner.setPosition(off + 9);
            lastSignificant = SyntaxKind2.NumericLiteral;
            lastSignificantOffset = off;
            continue;
          }
          break;
        }
        case SyntaxKind2.OpenBraceToken:
        case SyntaxKind2.OpenBracketToken:
          depth++;
          if (depth > maxDepth) maxDepth = depth;
          break;
        case SyntaxKind2.CloseBraceToken:
        case SyntaxKind2.CloseBracketToken:
          depth--;
          if (lastSignificant === SyntaxKind2.CommaToken) trailingCommas.push(lastSignificantOffset);
          break;
        default:
          break;
      }
      lastSignificant = kind;
      lastSignificantOffset = off;
    }
    let masked = "";
    let from = 0;
    for (const [off, rep] of masks) {
      masked += text.slice(from, off) + rep;
      from = off + rep.length;
    }
    masked += text.slice(from);
    const errors = [];
    let root;
    let parseErrors;
    if (maxDepth > MAX_NESTING) {
      parseErrors = [{ offset: 0, length: 0, code: "NestingTooDeep" }];
    } else {
      root = parseTree2(masked, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
      parseErrors = errors.map((e) => ({ offset: e.offset, length: e.length, code: printParseErrorCode(e.error) }));
    }
    let pyError;
    if (parseErrors[0]?.code !== "NestingTooDeep") {
      try {
        parseStrict(blankRepairable(text, comments, trailingCommas, bom), { build: false });
      } catch (e) {
        if (!(e instanceof PyJsonError)) throw e;
        pyError = { message: e.message, offset: e.offset };
        if (!parseErrors.length) parseErrors = [{ offset: e.offset, length: 1, code: "PythonRejects" }];
      }
    }
    return makeDocument(text, {
      bom,
      root,
      parseErrors,
      comments,
      trailingCommas,
      duplicateKeys: root ? findDuplicateKeys(root) : [],
      nonFinite,
      pyError,
      strict: false
    });
  }
  function detectEol(text) {
    const i = text.indexOf("\n");
    return i > 0 && text[i - 1] === "\r" ? "\r\n" : "\n";
  }
  function detectIndent(text, root) {
    const first = root?.type === "object" ? root.children?.[0] : void 0;
    if (first) {
      const ls = text.lastIndexOf("\n", first.offset - 1) + 1;
      const lead = text.slice(ls, first.offset);
      if (ls > 0 && /^[ \t]+$/.test(lead)) return lead[0] === "	" ? "	" : lead;
    }
    let best;
    for (const m of text.matchAll(/\n([ \t]+)\S/g)) {
      const w = m[1];
      if (w[0] === "	") return "	";
      if (!best || w.length < best.length) best = w;
    }
    return best ?? "    ";
  }
  var LineIndex = class {
    constructor(text) {
      this.text = text;
    }
    text;
    starts = [0];
    /** Every line break before this offset is in `starts`. */
    scanned = 0;
    /** 1-based line and column of an offset (column in UTF-16 units). */
    position(offset) {
      const t = this.text;
      while (this.scanned <= offset && this.scanned < t.length) {
        const nl = t.indexOf("\n", this.scanned);
        if (nl < 0 || nl >= offset) {
          this.scanned = nl < 0 ? t.length : nl;
          break;
        }
        this.starts.push(nl + 1);
        this.scanned = nl + 1;
      }
      const starts = this.starts;
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = lo + hi + 1 >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, column: offset - starts[lo] + 1 };
    }
  };
  function positionAt(doc, offset) {
    return doc.lines.position(offset);
  }
  function findDuplicateKeys(root) {
    const out = [];
    const stack = [root];
    while (stack.length) {
      const node = stack.pop();
      if (isLazyContainer(node)) continue;
      if (node.type === "object" && node.children && node.children.length > 1) {
        const byKey = /* @__PURE__ */ new Map();
        for (const p of node.children) {
          const k = p.children?.[0]?.value;
          if (typeof k !== "string") continue;
          const list2 = byKey.get(k);
          if (list2) list2.push(p);
          else byKey.set(k, [p]);
        }
        for (const [key, properties] of byKey) if (properties.length > 1) out.push({ object: node, key, properties });
      }
      if (node.children) for (const c of node.children) stack.push(c);
    }
    return out.sort((a, b) => a.properties[0].offset - b.properties[0].offset);
  }

  // transforms/NNU201-missing-key.ts
  var DEFAULT_ENDING = ".nii.gz";
  function trainingPaths(training) {
    const paths = [];
    const images = [];
    for (const entry of training) {
      if (typeof entry === "string") {
        paths.push(entry);
        images.push(entry);
        continue;
      }
      let image;
      if (entry !== null && typeof entry === "object" && !Array.isArray(entry)) {
        const o = entry;
        for (const k in o) {
          const v = o[k];
          if ((k === "image" || k === "label") && typeof v === "string") {
            paths.push(v);
            if (k === "image") image = v;
          }
        }
      }
      images.push(image);
    }
    return { paths, images };
  }
  function shownEnding(path) {
    const known = knownEndingOf(path);
    if (known) return known;
    const base = path.slice(path.lastIndexOf("/") + 1);
    const dot = base.lastIndexOf(".");
    return dot > 0 ? base.slice(dot) : "(no ending)";
  }
  var rule19 = {
    meta: {
      code: "NNU201",
      name: "missing-key",
      severity: "error",
      fix: ["unsafe", "none"],
      stage: "document",
      summary: "a required key (channel_names, numTraining, file_ending) is missing",
      docs: `nnU-Net v2 requires four keys in dataset.json: \`labels\`, \`channel_names\`,
\`numTraining\` and \`file_ending\`. With \`--verify_dataset_integrity\`,
\`nnUNetv2_plan_and_preprocess\` stops with

    not all required keys are present in dataset.json.
    ...
    Missing:
    ['channel_names', 'file_ending']

Without the flag the run fails later with \`KeyError: 'file_ending'\`, \`KeyError: 'numTraining'\`
or \`KeyError: 'modality'\` (the planner falls back to the v1 key when \`channel_names\` is absent).
A v1 file used with v2 is the usual cause (MIC-DKFZ/nnUNet #1602).

A missing \`labels\` is reported by NNU110, and a missing \`channel_names\` next to a v1
\`modality\` by NNU202 (which renames it).

**Fix (unsafe, \`--unsafe-fixes\`):**
- \`file_ending\` is added as the last key. Its value is the file ending that every image and
  label path of the v1 \`training\` list shares (\`.nii.gz\`, \`.nii\`, \`.mha\`, \`.nrrd\`, \`.png\`, ...);
  without a \`training\` list it is \`.nii.gz\`, what nnU-Net's converters
  (\`nnUNetv2_convert_MSD_dataset\`, \`nnUNetv2_convert_old_nnUNet_dataset\`) write. When the
  dataset folder is checked, NNU302 sets the ending of the files in imagesTr instead (the
  files on disk beat a guess), and this rule offers no fix of its own.
- \`numTraining\` is added as the last key, set to the number of entries of the v1 \`training\` list.
  NNU301 compares it with the cases actually found in imagesTr.

**No fix:**
- \`channel_names\` without a \`modality\` to rename: add \`"channel_names": {"0": "CT"}\` by hand, one
  entry per channel file of a case (\`_0000\`, \`_0001\`, ...; an RGB \`.png\` holds three channels in
  one file). The names choose the normalization (\`CT\`, \`noNorm\`, \`zscore\`, \`rescale_to_0_1\`,
  \`rgb_to_0_1\`; anything else is z-score).
- \`numTraining\` without a non-empty \`training\` list of cases (or with one naming an image twice, or
  with an entry that has no \`image\`): set it to
  the number of training cases; NNU301 counts them when the folder is checked.
- \`file_ending\` when the \`training\` paths end differently: a person must say which ending the
  files on disk have (NNU302 can tell from the folder).

Remember that planning copies dataset.json to \`nnUNet_preprocessed\`: re-run
\`nnUNetv2_plan_and_preprocess\` after the repair.`
    },
    check(ctx) {
      const root = ctx.root;
      const missing = missingRequiredKeys(root);
      if (!missing.some((k) => k !== "labels")) return [];
      const vdi = `verify_dataset_integrity stops with "not all required keys are present in dataset.json. ... Missing: ${pyList(missing)}"`;
      const at = { offset: root.offset, length: 1 };
      const findings = [];
      const trainingProp = ctx.prop("training");
      const training = trainingProp ? valueOf(trainingProp) : void 0;
      const list2 = training?.type === "array" ? training : void 0;
      let entries2;
      const fromList = () => entries2 ??= trainingPaths(list2 ? plainValue(ctx.doc, list2) : []);
      if (missing.includes("channel_names") && !ctx.prop("modality")) {
        findings.push({
          ...at,
          key: "missing:channel_names",
          message: 'required key "channel_names" is missing (and there is no v1 "modality" to rename)',
          nnunet: `${vdi}; without --verify_dataset_integrity planning fails with KeyError: 'modality'`,
          help: 'add "channel_names": {"0": "CT"} with one entry per channel file of a case (_0000, _0001, ...; an RGB .png holds 3 channels in one file), in that order; the names choose the normalization (CT, noNorm, zscore, rescale_to_0_1, rgb_to_0_1; anything else is z-score)'
        });
      }
      if (missing.includes("numTraining")) {
        const base = { message: 'required key "numTraining" is missing', nnunet: `${vdi}; without that flag the planner fails with KeyError: 'numTraining'` };
        const images = fromList().images;
        const n = images.length;
        const noImage = images.indexOf(void 0);
        const twice = images.find((p, i) => p !== void 0 && images.indexOf(p) !== i);
        if (list2 && n > 0 && noImage < 0 && twice === void 0) {
          findings.push({
            ...at,
            key: "missing:numTraining",
            ...base,
            help: `${n} is the number of entries of the v1 "training" list; NNU301 compares it with the cases found in imagesTr when the dataset folder is checked`,
            fix: {
              applicability: "unsafe",
              title: `add "numTraining": ${n} (the length of the "training" list)`,
              edits: [insertLastProperty(ctx.doc, root, "numTraining", String(n))],
              scope: [["numTraining"]]
            }
          });
        } else {
          const why = !list2 ? 'there is no v1 "training" list to count' : n === 0 ? 'the v1 "training" list is empty' : noImage >= 0 ? `entry ${noImage} of the v1 "training" list has no "image" path, so the list is not a list of cases` : `the v1 "training" list names ${jsonString(shorten(twice))} twice`;
          findings.push({
            ...at,
            key: "missing:numTraining",
            ...base,
            help: `not fixed automatically (${why}): add "numTraining": N, the number of training cases in imagesTr; NNU301 counts them when the dataset folder is checked`
          });
        }
      }
      if (missing.includes("file_ending")) {
        const base = { message: 'required key "file_ending" is missing', nnunet: `${vdi}; without that flag it fails with KeyError: 'file_ending'` };
        const paths = fromList().paths;
        const endings = paths.map((p) => knownEndingOf(p));
        const shared = endings[0] && endings.every((e) => e === endings[0]) ? endings[0] : void 0;
        if (ctx.folder?.facts.imagesTr) {
          findings.push({
            ...at,
            key: "missing:file_ending",
            ...base,
            help: "not fixed here: NNU302 sets it to the ending of the files in imagesTr (the dataset folder is checked)"
          });
        } else if (paths.length && !shared) {
          const shown2 = [...new Set(paths.map(shownEnding))];
          findings.push({
            ...at,
            key: "missing:file_ending",
            ...base,
            help: `not fixed automatically: the paths of the v1 "training" list do not share one ending nnU-Net can read (found ${listSome(
              shown2.map((e) => jsonString(shorten(e))),
              5
            )}); add "file_ending" with the ending of the files in imagesTr and labelsTr (NNU302 reports it when the dataset folder is checked)`
          });
        } else {
          const ending = shared ?? DEFAULT_ENDING;
          const source = shared ? `taken from the ${paths.length} image and label paths of the v1 "training" list (all end in ${jsonString(shared)})` : `the default of nnU-Net's converters (nnUNetv2_convert_MSD_dataset writes ".nii.gz"; no v1 "training" paths to take it from); NNU302 checks it against the files in imagesTr when the dataset folder is checked`;
          findings.push({
            ...at,
            key: "missing:file_ending",
            ...base,
            help: `the ending is ${source}`,
            fix: {
              applicability: "unsafe",
              title: `add "file_ending": ${jsonString(ending)}`,
              edits: [insertLastProperty(ctx.doc, root, "file_ending", jsonString(ending))],
              scope: [["file_ending"]]
            }
          });
        }
      }
      return findings;
    }
  };
  var NNU201_missing_key_default = rule19;

  // transforms/NNU202-legacy-modality.ts
  function entries(doc, obj) {
    return (obj.children ?? []).map((p) => {
      const k = p.children?.[0];
      const v = p.children?.[1];
      const value = v?.type === "string" ? JSON.stringify(v.value) : v ? rawOf(doc, v) : "";
      return `${JSON.stringify(k?.value)}:${value}`;
    });
  }
  function count(obj) {
    if (obj?.type !== "object") return obj ? `${/^[aeiou]/.test(obj.type) ? "an" : "a"} ${obj.type}` : "no value";
    const n = obj.children?.length ?? 0;
    return `${n} ${n === 1 ? "entry" : "entries"}`;
  }
  var rule20 = {
    meta: {
      code: "NNU202",
      name: "legacy-modality",
      severity: "error",
      fix: ["safe", "none"],
      stage: "document",
      summary: 'the v1/MSD key "modality" instead of "channel_names", or a stale "modality" next to it',
      docs: `nnU-Net v1 and the Medical Segmentation Decathlon call the channel list \`modality\`;
nnU-Net v2 requires \`channel_names\`. With \`--verify_dataset_integrity\` it stops with
"not all required keys are present in dataset.json. ... Missing: ['channel_names', ...]"
(MIC-DKFZ/nnUNet #1602); the planner prints
'WARNING: "modalities" should be renamed to "channel_names" in dataset.json. This will be enforced soon!'

**Fix (safe):** the key is renamed in place, \`"modality": {"0": "T2"}\` becomes
\`"channel_names": {"0": "T2"}\`; only the key token changes. This is what
\`nnUNetv2_convert_MSD_dataset\` does, without copying the dataset.

**Both keys present:** nnU-Net's \`determine_num_input_channels\` *prefers* \`modality\`
(\`len(dataset_json['modality'])\` when the key exists), while the planner's normalization
uses \`channel_names\`. A stale \`modality\` therefore decides how many input channels the
network gets. When both hold the same entries in the same order, \`modality\` is removed
(safe). When they differ there is **no fix**: delete the one that does not describe the
channel files (\`_0000\`, \`_0001\`, ...) yourself.

**No fix** either when \`modality\` is not an object, or when the key appears twice
(removing or renaming the last one would bring the earlier one back; see NNU004).`
    },
    check(ctx) {
      const modality = ctx.prop("modality");
      if (!modality) return [];
      const channels = ctx.prop("channel_names");
      const mv = valueOf(modality);
      const dup = isDuplicateKey(ctx.doc, ctx.root, "modality");
      const dupNote = 'not fixed automatically: "modality" appears more than once (NNU004), and changing the last one would bring an earlier one back';
      if (!channels) {
        const found = {
          message: '"modality" is the v1/MSD name of "channel_names"',
          nnunet: `v2's verify_dataset_integrity stops with "not all required keys are present in dataset.json. ... Missing: ${pyList(missingRequiredKeys(ctx.root))}" and the planner warns 'WARNING: "modalities" should be renamed to "channel_names" in dataset.json. This will be enforced soon!'`
        };
        if (dup) return [{ node: modality, ...found, help: dupNote }];
        if (mv?.type !== "object") {
          return [
            {
              node: modality,
              ...found,
              help: `not fixed automatically: its value is ${count(mv)}, not an object like {"0": "CT"}: write "channel_names" with one name per channel file (_0000, _0001, ...)`
            }
          ];
        }
        return [
          {
            node: modality,
            ...found,
            help: "the entries stay as they are",
            fix: {
              applicability: "safe",
              title: 'rename "modality" to "channel_names"',
              edits: [renameKey(modality, "channel_names")],
              scope: [["modality"], ["channel_names"]]
            }
          }
        ];
      }
      const cv = valueOf(channels);
      const same = mv?.type === "object" && cv?.type === "object" && entries(ctx.doc, mv).join("\n") === entries(ctx.doc, cv).join("\n");
      if (same) {
        const found = {
          message: `stale v1 key "modality" next to "channel_names" (both hold the same ${count(mv)})`,
          nnunet: 'counts the input channels from "modality" when both exist (determine_num_input_channels)'
        };
        if (dup) return [{ node: modality, ...found, help: dupNote }];
        return [
          {
            node: modality,
            ...found,
            help: "the two must never drift apart",
            fix: {
              applicability: "safe",
              title: 'remove "modality" (same entries as "channel_names")',
              edits: [removeProperty(ctx.root, modality)],
              scope: [["modality"]]
            }
          }
        ];
      }
      return [
        {
          node: modality,
          message: `"modality" (${count(mv)}) and "channel_names" (${count(cv)}) disagree`,
          nnunet: 'takes the input channels of the network from "modality" (determine_num_input_channels) and the normalization from "channel_names"',
          help: 'not fixed automatically: delete whichever one does not match the channel files of a case (_0000, _0001, ...), usually "modality"'
        }
      ];
    }
  };
  var NNU202_legacy_modality_default = rule20;

  // transforms/NNU203-channel-names-inverted.ts
  function pyType(raw, node) {
    switch (node.type) {
      case "number":
        return /^-?\d+$/.test(raw) ? "int" : "float";
      case "boolean":
        return "bool";
      case "null":
        return "NoneType";
      case "array":
        return "list";
      case "object":
        return "dict";
      default:
        return "str";
    }
  }
  function indexOf(raw, node) {
    if (node.type === "number" && /^\d+$/.test(raw)) return Number(raw);
    if (node.type === "string" && /^\d+$/.test(String(node.value))) return Number(node.value);
    return void 0;
  }
  var rule21 = {
    meta: {
      code: "NNU203",
      name: "channel-names-inverted",
      severity: "error",
      fix: ["safe", "none"],
      stage: "document",
      summary: 'channel_names written name -> index ("T2": 0) instead of "0": "T2"',
      docs: `\`channel_names\` maps the channel index (the \`_0000\`, \`_0001\`, ... file of a case) to a
channel name: \`{"0": "T2", "1": "ADC"}\`. Written the other way round, \`{"T2": 0, "ADC": 1}\`,
\`verify_dataset_integrity\` still passes (it only counts the entries), and planning then
crashes with \`AttributeError: 'int' object has no attribute 'casefold'\` when it picks the
normalization from the names (MIC-DKFZ/nnUNet #2443). With string values (\`{"CT": "0"}\`)
nothing crashes, but every channel is called "0" and z-score normalized: a CT scan loses its
CT normalization silently.

nnU-Net never parses the keys: it uses the values in the order they are written. So the
written order must be the channel order.

**Fix (safe)** when every key is a name (not an integer) and the values are exactly the
indices 0, 1, ..., n-1 (integers, or integer strings): each entry becomes \`"index": "name"\`,
and the entries are placed in index order (so \`{"ADC": 1, "T2": 0}\` becomes
\`{"0": "T2", "1": "ADC"}\`, which is what it says). Only the key and value tokens change;
indentation, line breaks and commas stay. The names themselves are never changed: \`CT\`,
\`noNorm\`, \`zscore\`, \`rescale_to_0_1\` and \`rgb_to_0_1\` select the normalization
(anything else is z-score), and the match is on the exact name (#2073).

**No fix** when the values are not the indices 0..n-1 (missing, repeated or 1-based), when
some keys are integers, when a key repeats, or when a value is something else (a list, an
object, \`null\`): write \`{"0": "name", ...}\` by hand, one entry per channel file.

When there is no \`channel_names\` the rule looks at the v1 \`modality\` (which NNU202 renames).`
    },
    check(ctx) {
      const prop = ctx.prop("channel_names") ?? ctx.prop("modality");
      const obj = prop?.children?.[1];
      if (!prop || obj?.type !== "object" || !obj.children?.length) return [];
      const keyName = String(prop.children[0].value);
      const items = obj.children.flatMap((p) => {
        const k = p.children?.[0];
        const v = p.children?.[1];
        if (!k || !v) return [];
        const raw = rawOf(ctx.doc, v);
        return [{ prop: p, key: String(k.value), keyRaw: rawOf(ctx.doc, k), value: v, raw, index: indexOf(raw, v) }];
      });
      const nonString = items.find((e) => e.value.type !== "string");
      const namesAsKeys = items.every((e) => !INT_STRING.test(e.key));
      const allIndices = items.every((e) => e.index !== void 0);
      if (!nonString && !(namesAsKeys && allIndices)) return [];
      const shown2 = (e) => `${shorten(e.keyRaw)}: ${shorten(e.raw)}`;
      const found = nonString ? {
        message: `"${keyName}" values must be channel names (strings such as "CT"), found ${shown2(nonString)}`,
        nnunet: `only counts the entries in verify_dataset_integrity, then planning crashes with "AttributeError: '${pyType(nonString.raw, nonString.value)}' object has no attribute 'casefold'" (#2443)`
      } : {
        message: `"${keyName}" is inverted (name -> index), found ${shown2(items[0])}`,
        nnunet: `reads index -> name, so every channel is called ${shorten(items[0].raw)} and z-score normalized: the normalization the names choose (CT, noNorm, ...) is lost`
      };
      const base = { node: obj, key: "channels-inverted", ...found };
      if (!namesAsKeys || !allIndices) {
        return [{ ...base, help: 'not fixed automatically: write {"0": "name", "1": ...} by hand, one entry per channel file (_0000, _0001, ...)' }];
      }
      const n = items.length;
      const indices = items.map((e) => e.index);
      const dupKeys = duplicateKeysOf(ctx.doc, obj);
      if (dupKeys.length) {
        return [
          {
            ...base,
            help: `not fixed automatically: the name ${jsonString(shorten(dupKeys[0]))} appears twice (Python keeps only the last one); remove the wrong one, then run again`
          }
        ];
      }
      if (new Set(indices).size !== n || indices.some((i) => i >= n)) {
        return [
          {
            ...base,
            help: `not fixed automatically: the values ${shorten(indices.join(", "), 60)} are not the channel indices 0..${n - 1} (one per channel file _0000, _0001, ...); write {"0": "name", "1": ...} by hand`
          }
        ];
      }
      const byIndex = [...items].sort((a, b) => a.index - b.index);
      const texts = byIndex.map((e, i) => jsonString(String(i)) + colonOf(ctx.doc, items[i].prop) + e.keyRaw);
      const reordered = byIndex.some((e, i) => e !== items[i]);
      const preview = byIndex.slice(0, 2).map((e, i) => `"${i}": ${shorten(e.keyRaw)}`).join(", ");
      return [
        {
          ...base,
          help: `${reordered ? "the entries go in index order; " : ""}the names stay as they are (they choose the normalization)`,
          fix: {
            applicability: "safe",
            title: `invert ${keyName} to {${preview}${n > 2 ? ", ..." : ""}}`,
            edits: rewriteSlots(obj, texts),
            scope: [[keyName]]
          }
        }
      ];
    }
  };
  var NNU203_channel_names_inverted_default = rule21;

  // transforms/NNU204-num-training-not-int.ts
  var HOW = "set it to the number of training cases (NNU301 counts them when the dataset folder is checked)";
  var WHOLE_STRING = /^\s*\+?(\d+)(?:\.0*)?\s*$/;
  var rule22 = {
    meta: {
      code: "NNU204",
      name: "num-training-not-int",
      severity: "error",
      severities: ["error", "warning"],
      fix: ["safe", "none"],
      stage: "document",
      summary: 'numTraining is not a positive integer ("32", 32.0 or 0 instead of 32)',
      docs: `\`numTraining\` must be a JSON integer. nnU-Net uses it twice:
\`verify_dataset_integrity\` compares it with the number of cases and formats it with \`%d\` in
"Did not find the expected number of training cases (%d). Found %d instead." (a string makes
that formatting raise \`TypeError\` instead), and the experiment planner multiplies it into
the dataset size (\`np.prod(...) * dataset_json['numTraining']\`), which fails for a string.
A float such as \`32.0\` happens to work in Python (32 == 32.0) but is not what
\`generate_dataset_json\` writes.

**Fix (safe):** \`"32"\`, \`" 32 "\`, \`"32.0"\` and \`32.0\` become \`32\`; only the value token
changes.

**No fix** for anything that is not a whole number (\`"thirty"\`, \`32.5\`, \`true\`, \`null\`, a
list): set it to the number of training cases (NNU301 counts them when the dataset folder is
checked). \`NaN\`/\`Infinity\` are reported by NNU005.`
    },
    check(ctx) {
      const prop = ctx.prop("numTraining");
      const v = prop ? valueOf(prop) : void 0;
      if (!v) return [];
      if (ctx.doc.nonFinite.some((n) => n.offset === v.offset)) return [];
      const raw = rawOf(ctx.doc, v);
      if (v.type === "number" && /^-?\d+$/.test(raw)) {
        if (/^(-\d+|0+)$/.test(raw)) {
          return [
            {
              node: v,
              key: "numTraining-not-positive",
              message: `"numTraining" is ${shorten(raw)}, not a number of training cases`,
              nnunet: "needs at least one training case: verify_dataset_integrity stops with StopIteration while choosing an image reader, and planning has nothing to plan",
              help: HOW
            }
          ];
        }
        return [];
      }
      let whole;
      if (v.type === "string") {
        const m = WHOLE_STRING.exec(String(v.value));
        if (m) whole = String(BigInt(m[1]));
      } else if (v.type === "number") {
        const x = Number(raw);
        if (Number.isSafeInteger(x) && x >= 0) whole = String(x);
      }
      const found = `"numTraining" is ${shorten(raw)}`;
      if (v.type === "number") {
        if (whole !== void 0) {
          return [
            {
              node: v,
              severity: "warning",
              message: `${found}, a float`,
              nnunet: `reads it because Python happens to accept it (${whole} == ${raw}), but its own generate_dataset_json writes an integer`,
              fix: {
                applicability: "safe",
                title: `write numTraining as the integer ${shorten(whole)}`,
                edits: [replaceNode(v, whole)],
                scope: [["numTraining"]]
              }
            }
          ];
        }
        return [
          {
            node: v,
            message: `${found}, not a whole number`,
            nnunet: 'stops with "Did not find the expected number of training cases (%d). Found %d instead." (--verify_dataset_integrity)',
            help: HOW
          }
        ];
      }
      const says = v.type === "string" ? {
        message: `${found}, a string`,
        nnunet: `raises "TypeError: %d format: a real number is required, not str" in verify_dataset_integrity, and the planner's arithmetic on it fails`
      } : {
        message: `${found}, not a number`,
        nnunet: "compares it with the case count and formats it with %d in verify_dataset_integrity, and the planner multiplies it into the dataset size"
      };
      if (whole !== void 0) {
        return [
          {
            node: v,
            ...says,
            fix: { applicability: "safe", title: `write numTraining as the integer ${shorten(whole)}`, edits: [replaceNode(v, whole)], scope: [["numTraining"]] }
          }
        ];
      }
      return [
        {
          node: v,
          ...says,
          help: 'not fixed automatically: set it to the number of training cases, e.g. "numTraining": 32 (NNU301 counts them when the dataset folder is checked)'
        }
      ];
    }
  };
  var NNU204_num_training_not_int_default = rule22;

  // transforms/NNU205-file-ending-format.ts
  var READER_MESSAGE = "Unable to determine a reader for file ending {fe} and file {f} (file None means no file provided).";
  var rule23 = {
    meta: {
      code: "NNU205",
      name: "file-ending-format",
      severity: "error",
      fix: ["safe", "none"],
      stage: "document",
      summary: 'file_ending without its leading dot ("nii.gz"), with blanks around it, or not a string',
      docs: `\`file_ending\` is used as an exact, case-sensitive suffix (\`str.endswith\`) of every image
and label file, and nnU-Net cuts \`len(file_ending) + 5\` characters off image names to get the
case identifiers. The reader is chosen by \`file_ending.lower()\`. So \`"nii.gz"\` (no dot) or
\`".nii.gz "\` (a blank) finds no cases or garbled ones ("Did not find the expected number of
training cases (%d). Found %d instead.", MIC-DKFZ/nnUNet #2436, #2346) and no reader:
"${READER_MESSAGE}"

**Fix (safe):**
- blanks around the ending are removed: \`" .nii.gz "\` → \`".nii.gz"\`;
- a glob star is removed: \`"*.nii.gz"\` → \`".nii.gz"\`;
- the missing leading dot is added when the result is an ending an nnU-Net reader knows
  (${KNOWN_FILE_ENDINGS.map((e) => `\`${e}\``).join(", ")}): \`"nii.gz"\` → \`".nii.gz"\`.

The case is never changed here: whether \`.NII.GZ\` is right depends on the files on disk
(NNU302).

**No fix** when \`file_ending\` is not a string, is empty, or lacks the dot but is no known
ending (\`"_0000.nii.gz"\`, \`"gz"\`): write the ending of the files in imagesTr by hand.`
    },
    check(ctx) {
      const prop = ctx.prop("file_ending");
      const v = prop ? valueOf(prop) : void 0;
      if (!v) return [];
      const raw = rawOf(ctx.doc, v);
      if (v.type !== "string") {
        return [
          {
            node: v,
            message: `"file_ending" is ${shorten(raw)}, not a string`,
            nnunet: "calls file_ending.lower() and str.endswith(file_ending) and crashes",
            help: 'write the ending of the files in imagesTr, e.g. "file_ending": ".nii.gz"'
          }
        ];
      }
      const s = String(v.value);
      let fixed = s.trim();
      const steps = [];
      if (fixed !== s) steps.push("remove the blanks around it");
      if (fixed.startsWith("*")) {
        fixed = fixed.replace(/^\*+/, "");
        steps.push('remove the glob "*"');
      }
      let noDot = false;
      if (fixed && !fixed.startsWith(".")) {
        if (KNOWN_FILE_ENDINGS.includes("." + fixed.toLowerCase())) {
          fixed = "." + fixed;
          steps.push("add the leading dot");
        } else noDot = true;
      }
      if (!steps.length && !noDot && fixed) return [];
      const what = fixed === "" ? s === "" ? "is empty" : "is only blanks" : [
        s !== s.trim() ? "has blanks around it" : "",
        /^\s*\*/.test(s) ? 'starts with a glob "*"' : "",
        !s.trim().replace(/^\*+/, "").startsWith(".") ? "has no leading dot" : ""
      ].filter(Boolean).join(" and ");
      const found = {
        message: `"file_ending" is ${shorten(raw)}, which ${what}`,
        nnunet: `uses it as an exact suffix of the file names (str.endswith), finds no cases or garbled case names, and stops with "${READER_MESSAGE.replace("{fe}", shorten(s)).replace("{f}", "...")}"`
      };
      if (fixed === "" || noDot) {
        return [{ node: v, ...found, help: `${fixed === "" ? "write" : "add the leading dot and check"} the ending of the files in imagesTr, e.g. ".nii.gz"` }];
      }
      return [
        {
          node: v,
          ...found,
          fix: {
            applicability: "safe",
            title: `write file_ending as ${jsonString(fixed)} (${steps.join(", ")})`,
            edits: [replaceNode(v, jsonString(fixed))],
            scope: [["file_ending"]]
          }
        }
      ];
    }
  };
  var NNU205_file_ending_format_default = rule23;

  // transforms/NNU206-reader-writer.ts
  var WARNING = "Warning: Unable to find ioclass specified in dataset.json: {name}";
  var rule24 = {
    meta: {
      code: "NNU206",
      name: "reader-writer",
      severity: "error",
      severities: ["error", "warning"],
      fix: ["safe", "none"],
      stage: "document",
      summary: "overwrite_image_reader_writer is null, a miscased or unknown class name, or not a string",
      docs: `\`overwrite_image_reader_writer\` (optional) names the image reader class nnU-Net must use:
one of ${READER_CLASSES.map((c) => `\`${c}\``).join(", ")}, or the string \`"None"\` for automatic
choice by \`file_ending\`. nnU-Net looks the name up with \`hasattr(module, name)\` in every
module of \`nnunetv2.imageio\`:

- JSON \`null\` (or any other non-string) crashes with
  \`TypeError: hasattr(): attribute name must be string\` (MIC-DKFZ/nnUNet #2539);
- a name it cannot find (wrong case, a dotted path, a class of another tool) prints
  "${WARNING}", then "Trying to automatically determine desired class", and the reader is
  chosen from \`file_ending\` instead of the one you named.

**Fix (safe):**
- \`null\` → the key is removed (no key means automatic choice, which is what \`null\` meant);
- a known class name in the wrong case or with blanks around it → the exact name
  (\`"simpleitkio"\` → \`"SimpleITKIO"\`, \`"none"\` → \`"None"\`).

**No fix:**
- an unknown name (warning: nnU-Net still runs, with the automatic reader): set it to one of
  the classes above, to \`"None"\`, or delete the key;
- a number, boolean, list or object (error): same choice;
- a key that appears twice (removing the last one would bring the earlier one back; NNU004).`
    },
    check(ctx) {
      const prop = ctx.prop("overwrite_image_reader_writer");
      const v = prop ? valueOf(prop) : void 0;
      if (!prop || !v) return [];
      const raw = rawOf(ctx.doc, v);
      const found = `"overwrite_image_reader_writer" is ${shorten(raw, 40)}`;
      const choices = `one of ${READER_CLASSES.join(", ")}, or "None" (automatic choice), or delete the key`;
      if (v.type === "null") {
        const says = { message: found, nnunet: 'passes it to hasattr() and crashes with "TypeError: hasattr(): attribute name must be string" (#2539)' };
        if (isDuplicateKey(ctx.doc, ctx.root, "overwrite_image_reader_writer")) {
          return [
            {
              node: v,
              ...says,
              help: "not fixed automatically: the key appears more than once (NNU004), and removing the last one would bring an earlier one back"
            }
          ];
        }
        return [
          {
            node: v,
            ...says,
            help: "without the key nnU-Net chooses the reader from file_ending, which is what null meant",
            fix: {
              applicability: "safe",
              title: 'remove "overwrite_image_reader_writer": null',
              edits: [removeProperty(ctx.root, prop)],
              scope: [["overwrite_image_reader_writer"]]
            }
          }
        ];
      }
      if (v.type !== "string") {
        return [
          {
            node: v,
            message: `${found}, not a string`,
            nnunet: 'passes it to hasattr() and crashes with "TypeError: hasattr(): attribute name must be string"',
            help: `write ${choices}`
          }
        ];
      }
      const name = String(v.value);
      if (name === "None" || READER_CLASSES.includes(name)) return [];
      const warned = `cannot find that class and prints "${WARNING.replace("{name}", shorten(name))}"`;
      const fe = ctx.prop("file_ending")?.children?.[1];
      const auto = fe?.type === "string" ? autoReaderFor(String(fe.value)) : void 0;
      const fallback = auto ? `, then chooses the reader from file_ending (${auto} for ${jsonString(String(fe.value))})` : ", then chooses the reader from file_ending";
      const wanted = name.trim().toLowerCase();
      const exact = wanted === "none" ? "None" : READER_CLASSES.find((c) => c.toLowerCase() === wanted);
      if (exact) {
        return [
          {
            node: v,
            severity: exact === "None" ? "warning" : "error",
            message: `${found}: ${exact === "None" ? 'the automatic choice "None"' : exact} written ${name.trim() === name ? "in the wrong case" : "with blanks around it"}`,
            nnunet: `${warned}${fallback}${exact === "None" ? "" : ` instead of ${exact}`}`,
            fix: {
              applicability: "safe",
              title: `write overwrite_image_reader_writer as ${jsonString(exact)}`,
              edits: [replaceNode(v, jsonString(exact))],
              scope: [["overwrite_image_reader_writer"]]
            }
          }
        ];
      }
      const last = name.split(".").pop().trim().toLowerCase();
      const hint = READER_CLASSES.find((c) => c.toLowerCase() === last);
      return [
        {
          node: v,
          severity: "warning",
          message: `${found}, not a reader class of nnunetv2.imageio`,
          nnunet: `${warned}${fallback}`,
          help: `write ${hint ? `the bare class name ${jsonString(hint)}, ` : ""}${choices}`
        }
      ];
    }
  };
  var NNU206_reader_writer_default = rule24;

  // transforms/NNU207-legacy-v1-keys.ts
  var LEGACY = ["training", "test", "tensorImageSize", "numTest"];
  var KEPT_BY_CONVERTER = /* @__PURE__ */ new Set(["tensorImageSize", "numTest"]);
  var rule25 = {
    meta: {
      code: "NNU207",
      name: "legacy-v1-keys",
      severity: "warning",
      fix: ["none"],
      stage: "document",
      summary: "v1/MSD keys training, test, tensorImageSize, numTest: ignored by nnU-Net v2",
      docs: `nnU-Net v1 and the Medical Segmentation Decathlon list the cases in dataset.json
(\`training\`, \`test\`) and describe them (\`tensorImageSize\`, \`numTest\`). nnU-Net v2 ignores
all four: it finds the cases in imagesTr/labelsTr by file name
(\`{CASE}_{XXXX}{file_ending}\`), whatever \`training\` says. A stale \`training\` list is
misleading: editing it changes nothing (MIC-DKFZ/nnUNet #1644).

\`nnUNetv2_convert_old_nnUNet_dataset\` deletes all four; \`nnUNetv2_convert_MSD_dataset\`
deletes \`training\` and \`test\` but keeps \`tensorImageSize\` and \`numTest\`. nnU-Net allows
extra keys, so they do no harm.

**No fix:** the keys are reported once per file and kept. Delete them by hand if you want a
clean v2 file. A warning never changes the exit code (unless \`--max-warnings\` says so): a
file nnU-Net v2 accepts passes.`
    },
    check(ctx) {
      const present = LEGACY.map((k) => ctx.prop(k)).filter((p) => p !== void 0).sort((a, b) => a.offset - b.offset);
      if (!present.length) return [];
      const names = present.map((p) => String(p.children[0].value));
      const quoted = names.map((n) => `"${n}"`).join(", ");
      const onlyKept = names.every((n) => KEPT_BY_CONVERTER.has(n));
      const what = onlyKept ? "nnUNetv2_convert_MSD_dataset keeps these two itself" : `v2 finds the cases in imagesTr/labelsTr by file name, whatever ${names.includes("training") ? '"training"' : '"test"'} lists`;
      return [
        {
          node: present[0],
          key: "legacy-v1-keys",
          message: `v1/MSD key${names.length > 1 ? "s" : ""} ${quoted}`,
          nnunet: `v2 ignores ${names.length > 1 ? "them" : "it"} (${what})`,
          help: "kept; delete by hand if you want a clean v2 file"
        }
      ];
    }
  };
  var NNU207_legacy_v1_keys_default = rule25;

  // src/folder/channels.ts
  function canReadHeader(name) {
    return /\.(nii\.gz|nii|nrrd|mha|png)$/i.test(name);
  }
  function channelsPerFile(h2, ending) {
    if (h2.format === "png") {
      if (h2.channels === 2) {
        return {
          channels: 2,
          error: 'a grey+alpha PNG: NaturalImage2DIO asserts "If image has three dimensions then the last dimension must have shape 3 or 4 (RGB or RGBA)"'
        };
      }
      return { channels: h2.channels };
    }
    if (h2.is4D) {
      const t = h2.dims[3] ?? 1;
      if (ending.toLowerCase() === ".nii")
        return {
          channels: h2.channels,
          fourD: t,
          error: 'a 4D .nii file: NibabelIO, the only reader for .nii, asserts "only 3d images are supported by NibabelIO"'
        };
      return { channels: h2.channels, fourD: t };
    }
    return { channels: Math.max(1, h2.channels) };
  }

  // src/folder/analysis.ts
  var FolderContext = class {
    constructor(facts) {
      this.facts = facts;
    }
    facts;
    byEnding = /* @__PURE__ */ new Map();
    endings;
    /** The folder as nnU-Net sees it with this file_ending. */
    analyze(fe) {
      let a = this.byEnding.get(fe);
      if (!a) this.byEnding.set(fe, a = analyzeFolder(this.facts, fe));
      return a;
    }
    /** Image endings on disk in imagesTr and labelsTr (visible files, as spelled). */
    diskEndings() {
      return this.endings ??= { images: endingsOnDisk(this.facts.imagesTr?.files ?? []), labels: endingsOnDisk(this.facts.labelsTr?.files ?? []) };
    }
    /** The header of the first visible imagesTr file with this ending (as spelled on disk). */
    headerFor(ending) {
      return this.facts.headers.find((h2) => endingOf(h2.file) === ending);
    }
    /** Channels nnU-Net's reader makes of each file with this ending (from the first file's header; 1 when unknown). */
    perFileChannels(ending) {
      const h2 = this.headerFor(ending);
      if (!h2?.header) return { channels: 1 };
      const c = channelsPerFile(h2.header, ending);
      const out = { ...c, file: h2.file };
      if (h2.header.format === "png") out.png = ["grey", "grey", "grey-alpha", "rgb", "rgba"][h2.header.channels] ?? "grey";
      return out;
    }
    /** How file_ending stands against the endings on disk (NNU302's facts); undefined when it selects the images and nothing else is there. */
    endingProblem(v) {
      return endingProblem(this, v);
    }
    /** Files nnU-Net misreads as cases (NNU303's facts); undefined when there are none. */
    namingProblems(v) {
      return namingProblems(this, v);
    }
    /** Cases without a label file, label files without a case, `dataset` paths that do not resolve (NNU304's facts). */
    labelFileProblems(v) {
      return labelFileProblems(this, v);
    }
    /** Channel files per case against channel_names, 4D images, gaps (NNU305's facts). */
    channelProblems(v) {
      return channelProblems(this, v);
    }
    /**
     * The problems that make nnU-Net's case count unreliable, by family, in this order: a wrong
     * file_ending, misnamed files, missing label files, wrong channel counts. numTraining may be
     * set to the count only when this is empty (NNU301); each family is what one rule reports as
     * an error or warning (NNU302-NNU305), read from the same facts.
     */
    countBlockers(v) {
      const out = [];
      if (this.endingProblem(v)) out.push("file-ending");
      if (this.namingProblems(v)) out.push("case-naming");
      if (blocksCount(this.labelFileProblems(v))) out.push("label-files");
      if (blocksCount(this.channelProblems(v))) out.push("channels");
      return out;
    }
  };
  function uniqueKeyCount(obj) {
    return new Set((obj.children ?? []).map((p) => String(p.children?.[0]?.value))).size;
  }
  function jsonView(ctx) {
    const feProp = ctx.prop("file_ending");
    const feNode = feProp?.children?.[1];
    const ntProp = ctx.prop("numTraining");
    const ntNode = ntProp?.children?.[1];
    const cn = ctx.prop("channel_names")?.children?.[1];
    const mod = ctx.prop("modality")?.children?.[1];
    const ds = ctx.prop("dataset")?.children?.[1];
    const view = {
      feProp,
      feNode,
      fe: feNode?.type === "string" ? String(feNode.value) : void 0,
      numTrainingProp: ntProp,
      numTrainingNode: ntNode,
      numTraining: ntNode ? readInt(ctx.doc, ntNode) : void 0,
      datasetKey: ds?.type === "object" ? ds : void 0,
      v1: !!ctx.prop("modality") && !ctx.prop("channel_names")
    };
    if (cn?.type === "object") Object.assign(view, { channelCount: uniqueKeyCount(cn), channelSource: "channel_names", channelNode: cn });
    else if (!ctx.prop("channel_names") && mod?.type === "object")
      Object.assign(view, { channelCount: uniqueKeyCount(mod), channelSource: "modality", channelNode: mod });
    return view;
  }
  function analyzeFolder(facts, fe) {
    const images = facts.imagesTr?.files ?? [];
    const matching = fe ? images.filter((f) => f.endsWith(fe)) : [];
    const matchingVisible = matching.filter((f) => !isHidden(f)).length;
    const cases = fe ? casesOf(matching, fe) : [];
    const feLen = pyLen(fe);
    const labelFiles = fe ? (facts.labelsTr?.files ?? []).filter((f) => f.endsWith(fe)) : [];
    const labelIds = sortPy(labelFiles.map((f) => pyCutEnd(f, feLen)));
    const real = cases.filter((c) => c.channels.length > 0 && !isHidden(c.id));
    const caseIds = cases.map((c) => c.id);
    const cmp = pyComparator([...caseIds, ...labelIds]);
    const gaps = [];
    for (const c of real) {
      const indices = c.channels.map((f) => channelIndexOf(f, fe));
      const missing = missingChannelIndices(indices);
      if (missing.length) gaps.push({ id: c.id, indices, missing });
    }
    const a = {
      fe,
      matching,
      matchingVisible,
      cases,
      naming: fe ? namingIssuesOf(matching, fe) : [],
      labelIds,
      usable: fe.startsWith(".") && matchingVisible > 0,
      real,
      missingLabels: real.filter((c) => !sortedHas(labelIds, c.id, cmp)).map((c) => c.id),
      orphanLabels: labelFiles.filter((f) => !isHidden(f) && !sortedHas(caseIds, pyCutEnd(f, feLen), cmp)),
      gaps
    };
    return a;
  }
  function endingProblem(folder, v) {
    if (!folder.facts.imagesTr || v.datasetKey) return void 0;
    const { images, labels } = folder.diskEndings();
    const fe = v.fe;
    let noReader = false;
    if (fe !== void 0 && fe !== "") {
      const normalized = "." + fe.trim().replace(/^\*/, "").replace(/^\./, "");
      if (normalized !== fe && images.has(normalized)) return void 0;
      const a = folder.analyze(fe);
      if (a.matchingVisible > 0 && !isSupportedEnding(fe) && fe.startsWith(".")) noReader = true;
      else if (a.matchingVisible > 0) {
        const otherImages = new Map([...images].filter(([e]) => e !== fe));
        const otherLabels = new Map([...labels].filter(([e]) => e !== fe));
        return otherImages.size || otherLabels.size ? { kind: "other-endings", fe, otherImages, otherLabels } : void 0;
      }
    }
    const state = v.feNode === void 0 ? "missing" : fe === void 0 ? "not-a-string" : fe === "" ? "empty" : noReader ? "no-reader" : "no-match";
    if (!images.size) return state === "missing" ? { kind: "no-images", state } : void 0;
    const all = new Map(images);
    for (const [e, n] of labels) all.set(e, (all.get(e) ?? 0) + n);
    if (all.size === 1) {
      const ending = [...all.keys()][0];
      return { kind: "single", state, ending, supported: isSupportedEnding(ending), all };
    }
    return { kind: "mixed", state, all };
  }
  function namingProblems(folder, v) {
    const facts = folder.facts;
    if (!facts.imagesTr || v.datasetKey || !v.fe) return void 0;
    const fe = v.fe;
    const a = folder.analyze(fe);
    if (!a.usable) return void 0;
    const by = (p2) => a.naming.filter((i) => i.problem === p2);
    const p = {
      fe,
      hidden: by("hidden"),
      hiddenLabels: (facts.labelsTr?.files ?? []).filter((f) => isHidden(f) && f.endsWith(fe)),
      noChannel: by("no-channel"),
      separator: by("separator")
    };
    return p.hidden.length || p.noChannel.length || p.separator.length ? p : void 0;
  }
  function labelFileProblems(folder, v) {
    const facts = folder.facts;
    if (v.datasetKey) {
      const p = datasetKeyPaths(v.datasetKey, facts.datasetKey?.paths ?? {});
      return p.missingImages.length || p.missingLabels.length || p.dirs.length || p.outside.length || p.unchecked.length ? p : void 0;
    }
    if (!facts.imagesTr) return void 0;
    if (!facts.labelsTr) return { kind: "no-labelsTr" };
    if (!v.fe) return void 0;
    const fe = v.fe;
    const a = folder.analyze(fe);
    if (!a.usable) return void 0;
    const missing = a.missingLabels;
    const misnamed = new Set(missing.map((id) => id + channelSuffix(0) + fe));
    const orphans = a.orphanLabels.filter((f) => !misnamed.has(f));
    return missing.length || orphans.length ? { kind: "files", fe, cases: a.real, missing, orphans } : void 0;
  }
  function datasetKeyPaths(ds, status2) {
    const lists = {
      missingImages: /* @__PURE__ */ new Set(),
      missingLabels: /* @__PURE__ */ new Set(),
      dirs: /* @__PURE__ */ new Set(),
      outside: /* @__PURE__ */ new Set(),
      unchecked: /* @__PURE__ */ new Set()
    };
    const check = (n, isLabel) => {
      if (n?.type !== "string") return;
      const p = String(n.value);
      switch (status2[p]) {
        case "missing":
          (isLabel ? lists.missingLabels : lists.missingImages).add(p);
          break;
        case "not-a-file":
          lists.dirs.add(p);
          break;
        case "outside":
          lists.outside.add(p);
          break;
        case "variable":
        case "link":
          lists.unchecked.add(p);
          break;
        default:
          break;
      }
    };
    for (const c of ds.children ?? []) {
      const entry = c.children?.[1];
      if (entry?.type !== "object") continue;
      const images = lastProperty(entry, "images")?.children?.[1];
      for (const im of images?.type === "array" ? images.children ?? [] : []) check(im, false);
      check(lastProperty(entry, "label")?.children?.[1], true);
    }
    return {
      kind: "dataset-key",
      missingImages: [...lists.missingImages],
      missingLabels: [...lists.missingLabels],
      dirs: [...lists.dirs],
      outside: [...lists.outside],
      unchecked: [...lists.unchecked]
    };
  }
  function channelProblems(folder, v) {
    const facts = folder.facts;
    const expected = v.channelCount;
    if (v.datasetKey) {
      if (expected === void 0) return void 0;
      const wrong = [];
      for (const c of v.datasetKey.children ?? []) {
        const images = lastProperty(c.children?.[1], "images")?.children?.[1];
        const n = images?.children?.length ?? 0;
        if (images?.type === "array" && n !== expected) wrong.push({ id: String(c.children?.[0]?.value), images: n });
      }
      return wrong.length ? { datasetKey: { expected, wrong }, gaps: [] } : void 0;
    }
    if (!facts.imagesTr) return void 0;
    const fe = v.fe;
    const a = fe ? folder.analyze(fe) : void 0;
    const ending = a?.usable ? fe : void 0;
    const fourD = [...new Set(facts.headers.map((h2) => endingOf(h2.file)))].map((e) => ({ e, pf: folder.perFileChannels(e) })).find(({ e, pf: pf2 }) => pf2.fourD && (ending === void 0 || e === ending));
    if (fourD) {
      const pf2 = fourD.pf;
      const msd = v.v1 || /^Task\d+_/i.test(facts.folderName) || !isChannelFile(pf2.file, fourD.e) || !!pf2.error || expected !== void 0 && expected !== pf2.fourD;
      if (msd) return { fourD: { ending: fourD.e, perFile: pf2 }, gaps: [] };
    }
    if (!ending || !a) return void 0;
    const p = { gaps: a.gaps };
    const pf = folder.perFileChannels(ending);
    if (pf.error) p.reader = { file: pf.file, error: pf.error };
    else if (expected !== void 0 && a.real.length) {
      const wrong = a.real.filter((c) => c.channels.length * pf.channels !== expected);
      if (wrong.length) p.count = { expected, ending, perFile: pf, cases: a.real, wrong };
    }
    return p.gaps.length || p.reader || p.count ? p : void 0;
  }
  function blocksCount(p) {
    if (!p) return false;
    if ("kind" in p && p.kind === "dataset-key") return !!(p.missingImages.length || p.missingLabels.length || p.dirs.length || p.outside.length);
    return true;
  }
  function anchor(ctx, ...keys) {
    for (const k of keys) {
      const node = ctx.prop(k)?.children?.[1];
      if (node) return { node };
    }
    return { offset: ctx.root.offset, length: 1 };
  }

  // transforms/NNU301-num-training-mismatch.ts
  var REPORTED_BY = { "file-ending": "NNU302", "case-naming": "NNU303", "label-files": "NNU304", channels: "NNU305" };
  var rule26 = {
    meta: {
      code: "NNU301",
      name: "num-training-mismatch",
      severity: "error",
      fix: ["unsafe", "none"],
      stage: "folder",
      summary: "numTraining differs from the number of training cases nnU-Net finds in imagesTr/",
      docs: `\`--verify_dataset_integrity\` compares \`numTraining\` with the number of case identifiers it
derives from imagesTr/ and stops with

    Did not find the expected number of training cases (10). Found 0 instead.
    Examples: []

(MIC-DKFZ/nnUNet #2436, #2346). The identifiers are computed the way nnU-Net does it: every
file ending with \`file_ending\` (case-sensitive, hidden files included), minus
\`len(file_ending) + 5\` characters, deduplicated. With the \`dataset\` key, the count is the
number of its entries. The planner also uses \`numTraining\` arithmetically.

**Fix (unsafe):** set \`numTraining\` to the count found, only when NNU302-NNU305 find nothing:
a wrong \`file_ending\`, misnamed or hidden files, missing labels or channels make the count
wrong, and writing it into numTraining would hide the real problem. Never set to 0.`
    },
    check(ctx) {
      const folder = ctx.folder;
      if (!folder) return [];
      const facts = folder.facts;
      const v = jsonView(ctx);
      if (v.numTrainingNode && !v.numTraining?.ok) return [];
      let ids;
      let where2;
      let nnunet;
      if (v.datasetKey) {
        ids = [...new Set((v.datasetKey.children ?? []).map((p) => String(p.children?.[0]?.value)))];
        where2 = ' in the "dataset" key';
      } else if (!facts.imagesTr) {
        if (!facts.labelsTr) return [];
        ids = [];
        where2 = ": the dataset has no imagesTr/ folder";
        nnunet = `stops with "There needs to be a imagesTr subfolder in folder, folder=${facts.displayDir ?? facts.datasetDir}"`;
      } else {
        if (v.fe === void 0) return [];
        ids = folder.analyze(v.fe).cases.map((c) => c.id);
        where2 = ` in imagesTr/ (file_ending ${jsonString(shorten(v.fe))})`;
      }
      const count2 = ids.length;
      const expected = v.numTraining?.ok ? v.numTraining.value : void 0;
      if (expected === BigInt(count2)) return [];
      const found = `nnU-Net finds ${plural(count2, "training case")}${where2}`;
      const base = {
        ...anchor(ctx, "numTraining"),
        key: "numTraining",
        message: expected === void 0 ? `numTraining is missing; ${found}` : `numTraining is ${shorten(String(expected))}, but ${found}`,
        nnunet: nnunet ?? (expected === void 0 ? void 0 : `stops with "Did not find the expected number of training cases (${shorten(String(expected))}). Found ${count2} instead. Examples: ${pyList(ids.slice(0, 5).map((id) => shorten(id)))}"`)
      };
      const blockers = folder.countBlockers(v).map((b) => REPORTED_BY[b]);
      if (count2 === 0) {
        return [
          {
            ...base,
            help: `numTraining is never set to 0: ${blockers.length ? `see ${blockers.join(", ")}` : `put the training images in imagesTr/ as CASE_XXXX${shorten(v.fe ?? "<file_ending>")}`}`
          }
        ];
      }
      if (blockers.length) {
        return [
          {
            ...base,
            help: `not fixed automatically: ${blockers.join(", ")} report${blockers.length === 1 ? "s" : ""} problems that make this count unreliable; fix ${blockers.length === 1 ? "it" : "them"} first`
          }
        ];
      }
      const edit = v.numTrainingNode ? replaceNode(v.numTrainingNode, String(count2)) : insertLastProperty(ctx.doc, ctx.root, "numTraining", String(count2));
      return [
        {
          ...base,
          help: `${count2} is the number of cases found`,
          fix: { applicability: "unsafe", title: `set numTraining to ${count2}`, edits: [edit], scope: [["numTraining"]] }
        }
      ];
    }
  };
  var NNU301_num_training_mismatch_default = rule26;

  // transforms/NNU302-file-ending-mismatch.ts
  var ZERO_CASES = 'finds 0 training cases ("Did not find the expected number of training cases (N). Found 0 instead.", #2436)';
  var fmt = (m, n = 5) => listSome(
    [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([e, count2]) => `${jsonString(shorten(e, 20))} (${count2})`),
    n
  );
  var rule27 = {
    meta: {
      code: "NNU302",
      name: "file-ending-mismatch",
      severity: "error",
      severities: ["error", "warning"],
      fix: ["unsafe", "none"],
      stage: "folder",
      summary: "file_ending is missing or matches no image file in imagesTr/",
      docs: `nnU-Net finds training images with a plain, **case-sensitive** \`str.endswith(file_ending)\`
(\`nnunetv2/utilities/utils.py\`), and picks the image reader from \`file_ending.lower()\`.
A \`file_ending\` that matches no file (\`.nii.gz\` while the files are \`.nii\`, or \`.NII.GZ\` on
disk) makes nnU-Net find no case at all:

    Did not find the expected number of training cases (10). Found 0 instead.

(MIC-DKFZ/nnUNet #2436, #1644). Without \`--verify_dataset_integrity\` it fails later with
\`KeyError: 'file_ending'\` or "Unable to determine a reader for file ending ...".

Files with another image ending than \`file_ending\` are ignored without a word; this rule
also warns about them (and about label files with another ending).

**Fix (unsafe):** when every visible image file in imagesTr/ (and labelsTr/) has the same
ending and nnU-Net has a reader for it (\`.nii.gz\` \`.nii\` \`.nrrd\` \`.mha\` \`.gipl\` \`.png\`
\`.bmp\` \`.tif\` \`.tiff\`), set \`file_ending\` to it (insert it when missing). Hidden files
(\`.DS_Store\`, \`._*\`) and non-image files do not count.

**No fix** for mixed endings (they are listed with counts), for \`.jpg\` (lossy; nnU-Net has no
reader on purpose) and for \`.mhd\`/\`.nhdr\` (no reader: convert the images). A
\`file_ending\` without its leading dot is NNU205's (safe) fix.`
    },
    check(ctx) {
      const folder = ctx.folder;
      if (!folder) return [];
      const v = jsonView(ctx);
      const p = folder.endingProblem(v);
      if (!p) return [];
      const where2 = anchor(ctx, "file_ending");
      if (p.kind === "other-endings") {
        const fe2 = jsonString(shorten(p.fe));
        const parts = [];
        if (p.otherImages.size) parts.push(`${fmt(p.otherImages, 2)} in imagesTr/`);
        if (p.otherLabels.size) parts.push(`${fmt(p.otherLabels, 2)} in labelsTr/`);
        return [
          {
            ...where2,
            key: "other-endings",
            severity: "warning",
            message: `other endings than file_ending ${fe2}: ${parts.join(", ")}`,
            nnunet: `only sees files ending exactly in ${fe2} (case-sensitive) and ignores these without a word`,
            help: `convert or rename them to ${fe2}, or move them out of the dataset`
          }
        ];
      }
      if (p.kind === "no-images") {
        return [
          {
            ...where2,
            key: "file-ending",
            message: "file_ending is missing, and imagesTr/ holds no image file to derive it from",
            nnunet: "stops with KeyError: 'file_ending'",
            help: 'add "file_ending" (e.g. ".nii.gz") for the images you will put in imagesTr/'
          }
        ];
      }
      const fe = v.fe;
      const shown2 = fe === void 0 ? "" : jsonString(shorten(fe));
      const what = {
        missing: "file_ending is missing",
        "not-a-string": `file_ending is not a string (${v.feNode ? shorten(ctx.doc.text.slice(v.feNode.offset, v.feNode.offset + v.feNode.length)) : ""})`,
        empty: "file_ending is empty",
        "no-reader": `file_ending ${shown2} is not an ending nnU-Net has a reader for`,
        "no-match": `file_ending ${shown2} matches none of the ${folder.facts.imagesTr?.files.length ?? 0} files in imagesTr/`
      }[p.state];
      const consequence = {
        missing: `stops with "not all required keys are present in dataset.json" (--verify_dataset_integrity) or KeyError: 'file_ending'`,
        "no-reader": `cannot choose an image reader and stops with "Unable to determine a reader for file ending ${shorten(fe ?? "")} and file ... (file None means no file provided)."`,
        "not-a-string": ZERO_CASES,
        empty: ZERO_CASES,
        "no-match": ZERO_CASES
      }[p.state];
      const sameButCase = fe ? [...p.all.keys()].filter((e) => e !== fe && e.toLowerCase() === fe.toLowerCase()) : [];
      const caseHint = sameButCase.length ? `str.endswith is case-sensitive: ${shown2} does not match ${listSome([...p.all.keys()].filter((e) => e.toLowerCase() === fe.toLowerCase()).map(jsonString))}; renaming the files to lower case is the portable alternative` : void 0;
      if (p.kind === "single") {
        const ending = jsonString(p.ending);
        if (!p.supported) {
          return [
            {
              ...where2,
              key: "file-ending",
              message: `${what}; the files end in ${ending}`,
              nnunet: `has no reader for ${ending} ("Unable to determine a reader for file ending ${p.ending}")`,
              help: `${p.ending.toLowerCase().startsWith(".jp") ? "JPEG is lossy and deliberately unsupported: " : ""}convert the images to .png, .nii.gz, .nrrd or .mha, then set file_ending`
            }
          ];
        }
        const edit = v.feNode ? replaceNode(v.feNode, ending) : insertLastProperty(ctx.doc, ctx.root, "file_ending", ending);
        return [
          {
            ...where2,
            key: "file-ending",
            message: `${what} (the image files end in ${ending})`,
            nnunet: consequence,
            help: [caseHint, `${ending} is the only image ending on disk`].filter(Boolean).join("; "),
            fix: { applicability: "unsafe", title: `set file_ending to ${ending}`, edits: [edit], scope: [["file_ending"]] }
          }
        ];
      }
      return [
        {
          ...where2,
          key: "file-ending",
          message: `${what}, and the files on disk have mixed endings`,
          nnunet: `${consequence}; it uses exactly one ending`,
          help: [caseHint, `not fixed automatically: imagesTr/ and labelsTr/ hold ${fmt(p.all)}; convert the files to one ending, then set file_ending to it`].filter(Boolean).join("; ")
        }
      ];
    }
  };
  var NNU302_file_ending_mismatch_default = rule27;

  // transforms/NNU303-case-naming.ts
  var rule28 = {
    meta: {
      code: "NNU303",
      name: "case-naming",
      severity: "error",
      fix: ["none"],
      stage: "folder",
      summary: "image files not named CASE_XXXX<file_ending> (missing _0000, dots, hidden ._ files)",
      docs: `nnU-Net derives case identifiers by cutting \`len(file_ending) + 5\` characters off
**every** file in imagesTr/ that ends with \`file_ending\`, and then assigns the files matching
\`CASE_\\d\\d\\d\\d<file_ending>\` to each case (\`nnunetv2/utilities/utils.py\`). It never checks
the names, so:

- \`la_007.nii.gz\` (no channel index) becomes the case \`"l"\` with no image file; several such
  files collapse into one case (\`Found 1 ... ['word']\`, MIC-DKFZ/nnUNet #2346);
- \`x.001.0000.nii.gz\` (dots instead of \`_\`) becomes the case \`"x.001"\` with no image file (#2187);
- hidden macOS AppleDouble files (\`._case_0000.nii.gz\`, created by Finder, zip and tar on
  non-Mac volumes) are counted as cases and then fail to load.

These show up as "Did not find the expected number of training cases", "not all training
cases have a label file" or reader crashes.

**No fix** (the files must be renamed): each finding names the files (the first two, then a
count), the case nnU-Net reads from them and the name it expects, e.g.
\`la_007.nii.gz -> la_007_0000.nii.gz\`. Delete AppleDouble files with
\`find DATASET -name '._*' -delete\` (or \`dot_clean\` on macOS). An MSD download (4D images
without \`_0000\`) is converted with \`nnUNetv2_convert_MSD_dataset -i TaskXX_Name\`.`
    },
    check(ctx) {
      const folder = ctx.folder;
      if (!folder) return [];
      const v = jsonView(ctx);
      const p = folder.namingProblems(v);
      if (!p) return [];
      const facts = folder.facts;
      const fe = p.fe;
      const where2 = anchor(ctx, "file_ending");
      const dir = jsonString(facts.displayDir ?? facts.datasetDir);
      const file = (f) => shorten(f);
      const readAs = (i) => `${file(i.file)} as case ${jsonString(shorten(i.id))}`;
      const out = [];
      if (p.hidden.length) {
        const names = [...p.hidden.map((i) => `imagesTr/${file(i.file)}`), ...p.hiddenLabels.map((f) => `labelsTr/${file(f)}`)];
        out.push({
          ...where2,
          key: "hidden",
          message: `${plural(names.length, "hidden file")} end${names.length > 1 ? "" : "s"} with ${jsonString(shorten(fe))}: ${listSome(names, 2)}`,
          nnunet: `counts each hidden image file as a case (e.g. ${jsonString(shorten(p.hidden[0].id))}) and then fails to read it`,
          help: `macOS AppleDouble "._" files are not images: delete them with find ${dir} -name '._*' -delete (or dot_clean on macOS)`
        });
      }
      if (p.noChannel.length) {
        const msd = v.v1 || /^Task\d+_/i.test(facts.folderName);
        const ids = new Set(p.noChannel.map((i) => i.id));
        const first = p.noChannel[0];
        out.push({
          ...where2,
          key: "no-channel",
          message: `${plural(p.noChannel.length, "image file")} ${p.noChannel.length > 1 ? "have" : "has"} no _XXXX channel index: ${listSome(
            p.noChannel.map((i) => file(i.file)),
            2
          )}`,
          nnunet: `cuts ${fe.length + 5} characters off every name and reads ${listSome(p.noChannel.map(readAs), 2)}: ${plural(ids.size, "bogus case")} with no image file (#2346)`,
          help: `name the images CASE_XXXX${shorten(fe)}, e.g. rename ${file(first.file)} -> ${file(first.suggestion ?? "")}${msd ? `; this is the MSD/v1 layout: nnUNetv2_convert_MSD_dataset -i ${dir} converts it` : ""}`
        });
      }
      if (p.separator.length) {
        const first = p.separator[0];
        out.push({
          ...where2,
          key: "separator",
          message: `${plural(p.separator.length, "image file")} separate${p.separator.length > 1 ? "" : "s"} the channel index with a dot or dash: ${listSome(
            p.separator.map((i) => file(i.file)),
            2
          )}`,
          nnunet: `reads ${listSome(p.separator.map(readAs), 2)}, and finds no image file for ${p.separator.length > 1 ? "these cases" : "this case"} (#2187)`,
          help: `separate it with "_": rename e.g. ${file(first.file)} -> ${file(first.suggestion ?? "")}`
        });
      }
      return out;
    }
  };
  var NNU303_case_naming_default = rule28;

  // transforms/NNU304-missing-label-file.ts
  var N = 5;
  var rule29 = {
    meta: {
      code: "NNU304",
      name: "missing-label-file",
      severity: "error",
      severities: ["error", "warning", "info"],
      fix: ["none"],
      stage: "folder",
      summary: "a training case without labelsTr/CASE<file_ending> (or a `dataset` key file that does not exist)",
      docs: `Every case nnU-Net finds in imagesTr/ needs its segmentation at exactly
\`labelsTr/CASE<file_ending>\` (no channel index). \`--verify_dataset_integrity\` stops with

    not all training cases have a label file in labelsTr. Fix that. Missing: [...]

and without the flag preprocessing crashes on the missing file (MIC-DKFZ/nnUNet #1644). Label
files without an image case are ignored by nnU-Net without a word; this rule warns about them
(usually a renamed or missing image, or labels saved with \`_0000\`).

With the \`dataset\` key (nnU-Net's alternative to imagesTr/labelsTr, paths relative to the
dataset folder) every listed image and label must exist, else:

    Some expected files were missing. Make sure you are properly referencing them in the
    dataset.json. Or use imagesTr & labelsTr folders!

nnunet-doctor checks those paths without ever leaving the dataset folder: absolute paths and
paths that climb out of it with \`..\` (e.g. \`../../etc/passwd\`) are reported and never read or
followed; \`$VARIABLE\` paths and paths behind a symlink are reported as not checked.

**No fix**: add the missing segmentations (or remove the image files of unlabeled cases), or
correct the paths.`
    },
    check(ctx) {
      const folder = ctx.folder;
      if (!folder) return [];
      const v = jsonView(ctx);
      const p = folder.labelFileProblems(v);
      if (!p) return [];
      const facts = folder.facts;
      const dir = facts.displayDir ?? facts.datasetDir;
      if (p.kind === "dataset-key") return datasetKeyFindings(anchor(ctx, "dataset"), p);
      const where2 = anchor(ctx, "file_ending");
      if (p.kind === "no-labelsTr") {
        return [
          {
            ...where2,
            key: "no-labelsTr",
            message: "the dataset has imagesTr/ but no labelsTr/ folder",
            nnunet: `stops with "There needs to be a labelsTr subfolder in folder, folder=${dir}"`,
            help: `put one segmentation per case in labelsTr/ (CASE${shorten(v.fe ?? "<file_ending>")})`
          }
        ];
      }
      const fe = p.fe;
      const file = (f) => shorten(f);
      const out = [];
      if (p.missing.length) {
        const { missing, cases } = p;
        const labelFiles = new Set(facts.labelsTr?.files ?? []);
        const withSuffix = missing.filter((id) => labelFiles.has(id + channelSuffix(0) + fe));
        out.push({
          ...where2,
          key: "missing-labels",
          message: `${missing.length} of ${plural(cases.length, "training case")} ${missing.length > 1 ? "have" : "has"} no label file: ${listSome(
            missing.map((id) => `labelsTr/${file(id + fe)}`),
            2
          )}`,
          nnunet: `stops with "not all training cases have a label file in labelsTr. Fix that. Missing: ${pyList(missing.slice(0, N).map((id) => shorten(id)))}${missing.length > N ? "..." : ""}"`,
          help: withSuffix.length ? `labelsTr/ has ${withSuffix.length > 1 ? "them" : "it"} with a channel index (${listSome(
            withSuffix.map((id) => file(`${id}${channelSuffix(0)}${fe}`)),
            3
          )}): label files must be named CASE${shorten(fe)}, e.g. rename ${file(`${withSuffix[0]}${channelSuffix(0)}${fe}`)} -> ${file(`${withSuffix[0]}${fe}`)}` : "add the segmentations, or move the images of unlabeled cases to imagesTs/"
        });
      }
      if (p.orphans.length) {
        const { orphans } = p;
        out.push({
          ...where2,
          key: "orphan-labels",
          severity: "warning",
          message: `${plural(orphans.length, "label file")} ${orphans.length > 1 ? "have" : "has"} no image case: ${listSome(
            orphans.map((f) => `labelsTr/${file(f)}`),
            2
          )}`,
          nnunet: `ignores ${orphans.length > 1 ? "them" : "it"} without a word`,
          help: `there is no imagesTr/${file(pyCutEnd(orphans[0], pyLen(fe)))}_XXXX${shorten(fe)}: add or rename the images (see NNU303), or remove the stray labels`
        });
      }
      return out;
    }
  };
  function datasetKeyFindings(where2, p) {
    const out = [];
    const paths = (xs, n = N) => listSome(
      xs.map((x) => jsonString(shorten(x))),
      n
    );
    const missing = [...p.missingImages, ...p.missingLabels, ...p.dirs];
    if (missing.length) {
      const parts = [];
      if (p.missingImages.length) parts.push(`${plural(p.missingImages.length, "image file")} (${paths(p.missingImages)})`);
      if (p.missingLabels.length) parts.push(`${plural(p.missingLabels.length, "label file")} (${paths(p.missingLabels)})`);
      if (p.dirs.length) parts.push(`${plural(p.dirs.length, "path")} that ${p.dirs.length > 1 ? "are folders" : "is a folder"}, not a file (${paths(p.dirs)})`);
      out.push({
        ...where2,
        key: "dataset-missing",
        message: `the "dataset" key lists files that do not exist in the dataset folder: ${paths(missing, 2)}`,
        nnunet: 'stops with "Some expected files were missing. Make sure you are properly referencing them in the dataset.json. Or use imagesTr & labelsTr folders!"',
        help: `missing: ${parts.join("; ")}; paths are relative to the dataset folder: correct them or add the files`
      });
    }
    if (p.outside.length) {
      out.push({
        ...where2,
        key: "dataset-outside",
        severity: "warning",
        message: `the "dataset" key points outside the dataset folder: ${paths(p.outside, 2)}`,
        nnunet: `will open ${p.outside.length > 1 ? "these files" : "this file"} as training data`,
        help: "not checked (nnunet-doctor never reads or follows paths outside the dataset folder): make sure this is intended"
      });
    }
    if (p.unchecked.length) {
      out.push({
        ...where2,
        key: "dataset-unchecked",
        severity: "info",
        message: `${plural(p.unchecked.length, '"dataset" path')} with $VARIABLES or through a symlink, not checked: ${paths(p.unchecked, 2)}`
      });
    }
    return out;
  }
  var NNU304_missing_label_file_default = rule29;

  // transforms/NNU305-channel-count.ts
  var N2 = 5;
  var rule30 = {
    meta: {
      code: "NNU305",
      name: "channel-count",
      severity: "error",
      fix: ["none"],
      stage: "folder",
      summary: "channel files per case differ from channel_names (RGB png = 3 channels; 4D MSD images need conversion)",
      docs: `nnU-Net reads one image file per channel, \`CASE_0000\`, \`CASE_0001\`, ..., and expects as
many channels as \`channel_names\` has entries. \`--verify_dataset_integrity\` reports

    Error: Unexpected number of modalities.
    Expected: 1.
    Got: 3.

and without the flag the network is built for the wrong number of input channels. The channel
count of one file depends on the reader:

- an RGB PNG is **3 channels in one file** (RGBA: 4), so \`channel_names\` needs three entries,
  e.g. \`{"0": "R", "1": "G", "2": "B"}\` (MIC-DKFZ/nnUNet #2177, #2077; nnU-Net's own
  \`Dataset120_RoadSegmentation\`);
- a 4D NIfTI (\`dim[0] == 4\`, \`dim[4] > 1\`; only the header is read) holds \`dim[4]\` channels.
  This is the Medical Segmentation Decathlon layout: convert the dataset with
  \`nnUNetv2_convert_MSD_dataset -i TaskXX_Name\`, which splits each 4D image into
  \`CASE_0000.nii.gz ...\` and converts dataset.json (\`.nii\` files cannot be 4D at all:
  "only 3d images are supported by NibabelIO").

A **missing middle channel** (\`_0000\` and \`_0002\` without \`_0001\`) passes nnU-Net's checks when
\`channel_names\` has two entries: the files are taken in sorted order, so \`_0002\` silently
becomes the second input channel.

With the \`dataset\` key, the length of each case's \`images\` list is compared instead.

**No fix**: add or rename the channel files, or correct \`channel_names\` (never renamed
automatically: the names select the normalization).`
    },
    check(ctx) {
      const folder = ctx.folder;
      if (!folder) return [];
      const v = jsonView(ctx);
      const p = folder.channelProblems(v);
      if (!p) return [];
      const facts = folder.facts;
      const source = v.channelSource ?? "channel_names";
      const where2 = anchor(ctx, source, "file_ending");
      const unexpected = (expected, got) => `stops with "Error: Unexpected number of modalities. Expected: ${expected}. Got: ${got}." (--verify_dataset_integrity)`;
      if (p.datasetKey) {
        const { expected, wrong } = p.datasetKey;
        return [
          {
            ...where2,
            key: "dataset-count",
            message: `${source} declares ${plural(expected, "channel")} but ${plural(wrong.length, "case")} of the "dataset" key list${wrong.length === 1 ? "s" : ""} another number of images`,
            nnunet: unexpected(expected, "..."),
            help: `${listSome(
              wrong.map((w) => `${shorten(w.id)} (${w.images})`),
              N2
            )}: list one image per channel, in channel order`
          }
        ];
      }
      if (p.fourD) {
        const { ending, perFile: pf } = p.fourD;
        const reader = pf.error ? splitReason(pf.error) : void 0;
        return [
          {
            ...where2,
            key: "4d",
            message: `imagesTr/${shorten(pf.file)} is a 4D image (${pf.fourD} volumes in one file)${reader ? `, ${reader.what}` : ""}`,
            nnunet: `v2 expects one 3D file per channel (CASE_0000${ending}, CASE_0001${ending}, ...)${reader ? `; ${reader.says}` : ""}`,
            help: `this is the Medical Segmentation Decathlon layout: run nnUNetv2_convert_MSD_dataset -i ${jsonString(facts.displayDir ?? facts.datasetDir)}: it splits the 4D images and converts dataset.json into a new Dataset###_Name folder`
          }
        ];
      }
      const out = [];
      if (p.gaps.length) {
        const shown2 = p.gaps.map(
          (g) => `${shorten(g.id)} (has ${shorten(g.indices.map(channelSuffix).join(", "), 40)}; no ${shorten(g.missing.map(channelSuffix).join(", "), 40)})`
        );
        const g0 = p.gaps[0];
        const pos = g0.indices.findIndex((x, i) => x !== i);
        out.push({
          ...where2,
          key: "gap",
          message: `${plural(p.gaps.length, "case")} skip${p.gaps.length === 1 ? "s" : ""} a channel index: ${listSome(shown2, 2)}`,
          nnunet: `accepts this and takes the files in sorted order, so ${shorten(g0.id + channelSuffix(g0.indices[pos]) + (v.fe ?? ""))} is silently read as channel ${pos}`,
          help: "add the missing channel file, or renumber the channels from _0000 without gaps"
        });
      }
      if (p.reader) {
        const r = splitReason(p.reader.error);
        out.push({
          ...where2,
          key: "reader",
          message: `imagesTr/${shorten(p.reader.file)} is ${r.what}`,
          ...r.says ? { nnunet: `stops: ${r.says}` } : {},
          help: "save the images in a layout nnU-Net reads (grey, RGB or RGBA PNG; 3D NIfTI)"
        });
      }
      if (p.count) {
        const { expected, ending, perFile: pf, cases, wrong } = p.count;
        const rgb = pf.png === "rgb" || pf.png === "rgba";
        if (rgb && wrong.every((c) => c.channels.length === 1) && expected !== pf.channels) {
          const names = pf.channels === 4 ? '{"0": "R", "1": "G", "2": "B", "3": "A"}' : '{"0": "R", "1": "G", "2": "B"}';
          out.push({
            ...where2,
            key: "count",
            message: `imagesTr/${shorten(pf.file ?? "")} is an ${pf.png === "rgba" ? "RGBA" : "RGB"} PNG (${pf.channels} channels), but ${source} declares ${plural(expected, "channel")}`,
            nnunet: `${unexpected(expected, String(pf.channels))} (#2177)`,
            help: `declare one channel name per colour: "${source}": ${names} (or save the images as greyscale PNGs)`
          });
          return out;
        }
        const counts = /* @__PURE__ */ new Map();
        for (const c of wrong) {
          const n = c.channels.length * pf.channels;
          counts.set(n, [...counts.get(n) ?? [], c.id]);
        }
        const groups = [...counts].sort((x, y) => y[1].length - x[1].length).map(
          ([n, ids]) => `${plural(ids.length, "case")} with ${n} (${listSome(
            ids.map((id) => shorten(id)),
            3
          )})`
        );
        const first = [...counts][0];
        out.push({
          ...where2,
          key: "count",
          message: `${source} declares ${plural(expected, "channel")} but ${wrong.length} of ${plural(cases.length, "case")} ${wrong.length === 1 ? "has" : "have"} another number of channel files`,
          nnunet: `${unexpected(expected, String(first[0]))}, and without the check builds the network for the wrong inputs`,
          help: `${groups.join("; ")}${pf.channels > 1 ? ` (each file holds ${pf.channels} channels)` : ""}: add the missing CASE_XXXX${shorten(ending)} files, or correct ${source}`
        });
      }
      return out;
    }
  };
  function splitReason(error) {
    const i = error.indexOf(": ");
    return i < 0 ? { what: error } : { what: error.slice(0, i), says: error.slice(i + 2) };
  }
  var NNU305_channel_count_default = rule30;

  // transforms/NNU306-dataset-folder-name.ts
  var rule31 = {
    meta: {
      code: "NNU306",
      name: "dataset-folder-name",
      severity: "warning",
      fix: ["none"],
      stage: "folder",
      summary: "dataset folder not named Dataset###_Name, or its dataset id used by another folder",
      docs: `nnU-Net v2 finds a dataset by id with the prefix \`"Dataset%03d" % id\` in \`$nnUNet_raw\`,
\`$nnUNet_preprocessed\` and \`$nnUNet_results\`, and reads the id back as \`int(name[7:10])\`
(\`dataset_name_id_conversion.py\`). So:

- \`Task01_Heart\` (MSD) and \`Task001_X\` (nnU-Net v1) are never found: convert them with
  \`nnUNetv2_convert_MSD_dataset -i Task01_Heart\` or
  \`nnUNetv2_convert_old_nnUNet_dataset Task001_X Dataset001_X\` (MIC-DKFZ/nnUNet #2710);
- \`Dataset_001\`, \`dataset001_x\`, \`Dataset01_X\` are never found:
  "Could not find a dataset with the ID 1..." (#2527);
- \`Dataset1234_X\` has a 4-digit id, read back as 123;
- two folders whose names start with the same \`Dataset%03d\` (in raw, preprocessed or
  results, e.g. a raw folder renamed after preprocessing) stop nnU-Net with
  "More than one dataset name found for dataset id 1. Please correct that."

**No fix** (a folder rename, not a JSON edit): the message proposes the name.`
    },
    check(ctx) {
      const folder = ctx.folder;
      const facts = folder?.facts;
      if (!facts) return [];
      const name = facts.folderName;
      const c = checkDatasetFolderName(name);
      const where2 = { ...anchor(ctx), key: "folder-name" };
      const dir = jsonString(facts.displayDir ?? facts.datasetDir);
      const folderName = jsonString(shorten(name));
      const out = [];
      if (!c.ok) {
        const rename = c.suggestion ? `rename the folder to ${shorten(c.suggestion)}` : "rename the folder to Dataset###_Name with a free 3-digit id";
        switch (c.problem) {
          case "task": {
            const v = jsonView(ctx);
            const images = (facts.imagesTr?.files ?? []).filter((f) => !isHidden(f));
            const fe = v.fe ?? ".nii.gz";
            const msd = /^Task\d\d_/i.test(name) || v.v1 || images.length > 0 && !images.some((f) => isChannelFile(f, fe));
            const cmd = msd ? `nnUNetv2_convert_MSD_dataset -i ${dir}` : `nnUNetv2_convert_old_nnUNet_dataset ${dir} ${c.suggestion ?? "Dataset###_Name"}`;
            out.push({
              ...where2,
              message: `the dataset folder ${folderName} is ${msd ? "a Medical Segmentation Decathlon" : "an nnU-Net v1"} "Task" folder`,
              nnunet: 'v2 only finds Dataset###_Name folders ("Could not find a dataset with the ID ...", #2710)',
              help: `convert it: ${cmd}`
            });
            break;
          }
          case "four-digit":
            out.push({
              ...where2,
              message: `the dataset folder ${folderName} has a 4-digit id`,
              nnunet: `reads ids as 3 digits (int(name[7:10]) = ${c.id}), so ${folderName} is taken for dataset ${c.id}`,
              help: `use an id from 1 to 999: ${rename}`
            });
            break;
          case "no-name":
            out.push({
              ...where2,
              message: `the dataset folder ${folderName} has no _Name part`,
              nnunet: "documents Dataset###_Name and matches folders by prefix, so this only works by accident",
              help: rename
            });
            break;
          default:
            out.push({
              ...where2,
              message: `the dataset folder ${folderName} is not named Dataset###_Name`,
              nnunet: 'v2 never finds it ("Could not find a dataset with the ID ...", #2527)',
              help: rename
            });
        }
        return out;
      }
      const prefix = `Dataset${String(c.id).padStart(3, "0")}`;
      const others = [];
      for (const root of facts.idRoots) {
        for (const n of sortedWithPrefix(root.names, prefix)) {
          if (n !== name)
            others.push({
              name: shorten(n),
              where: root.kind === "raw" ? root.path.replace(/[\\/]+$/, "").split(/[\\/]/).pop() || root.path : `${root.kind}: ${root.path}`
            });
        }
      }
      if (others.length) {
        out.push({
          ...where2,
          key: "duplicate-id",
          message: `dataset id ${c.id} is also used by ${listSome(
            others.map((o) => o.name),
            2
          )}`,
          nnunet: `matches the prefix ${jsonString(prefix)} in nnUNet_raw, nnUNet_preprocessed and nnUNet_results and stops with "More than one dataset name found for dataset id ${c.id}. Please correct that."`,
          help: `${listSome(
            others.map((o) => `${o.name} (${o.where})`),
            5
          )}: give each dataset its own id (rename the folder), or delete the stale preprocessed/results folder`
        });
      }
      return out;
    }
  };
  var NNU306_dataset_folder_name_default = rule31;

  // transforms/NNU307-stale-preprocessed-copy.ts
  var rule32 = {
    meta: {
      code: "NNU307",
      name: "stale-preprocessed-copy",
      severity: "warning",
      fix: ["safe", "unsafe", "none"],
      stage: "copy",
      summary: "nnUNet_preprocessed/DatasetXXX_Name/dataset.json (the copy training reads) differs from this file",
      docs: `\`nnUNetv2_plan_and_preprocess\` copies \`nnUNet_raw/DatasetXXX_Name/dataset.json\` to
\`nnUNet_preprocessed/DatasetXXX_Name/dataset.json\` (\`shutil.copy\` in the experiment planner),
and preprocessing and training read **the copy**. A repair of the raw file alone therefore
changes nothing for nnU-Net: it keeps failing (or training) on the old labels, channels or
numTraining without saying so.

The copy is looked up in \`$nnUNet_preprocessed\`, else in a \`nnUNet_preprocessed/\` folder next
to the folder that holds the dataset (the usual \`nnUNet_raw/\` + \`nnUNet_preprocessed/\` layout).
It is compared with this file on the keys nnU-Net reads (\`channel_names\`, \`modality\`,
\`labels\`, \`regions_class_order\`, \`numTraining\`, \`file_ending\`,
\`overwrite_image_reader_writer\`, \`dataset\`), as Python's json.load reads them, key order
included.

**Fix (safe, or unsafe when an unsafe repair is part of it):** with \`--fix\`, the copy receives
the same repairs as the raw file (the copy is a byte copy, so the same edits apply), and is
written only when it then agrees with the raw file on every nnU-Net key; only when it lies
inside the paths you named (name \`$nnUNet_preprocessed\` too: naming both, the copy is
repaired once, by this step), through a symbolic link only to a target inside them, and after
its raw file. When the difference cannot be reproduced (the raw file was edited
by hand after planning), re-run \`nnUNetv2_plan_and_preprocess -d ID\`; since the preprocessed
data was made with the old description, re-planning is the safe choice after any change to
\`labels\` or \`channel_names\`.`
    },
    check(ctx) {
      const copy = ctx.copy;
      if (!copy || copy.action === "in-sync") return [];
      const where2 = { offset: ctx.doc.root?.offset ?? 0, length: 1, key: "copy" };
      const at = `the preprocessed copy ${jsonString(shorten(copy.path, 60))}`;
      const reads = "reads that copy in preprocessing and training, not this file";
      if (copy.action === "unreadable") {
        return [{ ...where2, message: `${at} cannot be read`, nnunet: reads, help: `${copy.error ?? "unknown error"}; re-run ${copy.replan}` }];
      }
      const keys = listSome(copy.staleAfter, 3);
      const why = copy.staleBefore.length ? `differs from this file in ${listSome(copy.staleBefore, 3)}` : `is stale in ${keys} after this run's fixes`;
      if (copy.refused) {
        return [
          {
            ...where2,
            message: `${at} ${why}`,
            nnunet: `${reads}, so it would keep the old ${copy.staleAfter.length > 1 ? "values" : "value"}`,
            help: `--fix does not write it: ${copy.refused}`
          }
        ];
      }
      if (copy.action === "manual") {
        return [
          { ...where2, message: `${at} ${why}`, nnunet: reads, help: `the same repairs cannot reproduce it (edited after planning?): re-run ${copy.replan}` }
        ];
      }
      return [
        {
          ...where2,
          message: `${at} ${why}`,
          nnunet: `${reads}, so it would keep the old ${copy.staleAfter.length > 1 ? "values" : "value"}`,
          help: `${copy.staleBefore.length ? "" : "it is a copy of this file as it is now; "}re-running ${copy.replan} also refreshes it`,
          // the copy step writes the copy (src/copy-step.ts): this fix only says it will, with no edit of this file
          fix: { applicability: copy.applicability ?? "safe", title: `give ${copy.path} the same repairs`, edits: [], scope: [] }
        }
      ];
    }
  };
  var NNU307_stale_preprocessed_copy_default = rule32;

  // src/repair/model.ts
  function asRead(value) {
    const v = Math.fround(value);
    return v === 0 ? 0 : v;
  }

  // src/images/types.ts
  var MAX_DISTINCT_VALUES = 65536;

  // src/content-facts.ts
  function labelFileIssues(facts) {
    const out = [];
    for (const f of facts.files) {
      const where2 = `labelsTr/${f.name}`;
      if (f.error) {
        out.push(
          f.error.kind === "unsupported" ? {
            file: f.name,
            severity: "warning",
            key: `read@${f.name}`,
            message: `${where2} not checked: ${f.error.message} (nnU-Net may still read it, but its values are unknown to this check)`
          } : { file: f.name, severity: "error", key: `read@${f.name}`, message: `${where2} could not be read, its values were not checked: ${f.error.message}` }
        );
        continue;
      }
      const s = f.scan;
      if (!s) continue;
      const notes = s.warnings;
      if (s.multiChannel) {
        const what = notes.length ? notes.join("; ") : `${s.header.channels} samples per voxel${s.header.is4D ? " (4D)" : ""}`;
        out.push({
          file: f.name,
          severity: "error",
          key: `channels@${f.name}`,
          message: `${where2} is not a single-channel label map (${what}): nnU-Net reads one class value per voxel; save it as single-channel uint8`
        });
      } else {
        notes.forEach((n, i) => out.push({ file: f.name, severity: "info", key: `note${i}@${f.name}`, message: `${where2}: ${n}` }));
      }
      if (s.tooManyValues) {
        out.push({
          file: f.name,
          severity: "error",
          key: `values@${f.name}`,
          message: `${where2} has more than ${MAX_DISTINCT_VALUES} distinct values, so it is not a label map (an image in labelsTr?); only the first ${MAX_DISTINCT_VALUES} values were counted`
        });
      }
    }
    return out;
  }

  // transforms/NNU401-undeclared-label-value.ts
  var SHOW = 2;
  var list = (names) => names.slice(0, SHOW).map((n) => shorten(n)).join(", ") + (names.length > SHOW ? ` and ${names.length - SHOW} more` : "");
  var MAX_VALUES_LISTED = 12;
  var rule33 = {
    meta: {
      code: "NNU401",
      name: "undeclared-label-value",
      severity: "error",
      severities: ["error", "warning", "info"],
      fix: ["unsafe", "none"],
      stage: "content",
      summary: "a value found in labelsTr is not declared in labels (e.g. masks saved as 0/255)",
      docs: `With \`--labels\`, every segmentation in labelsTr is read (streaming, on all cores) and its
values compared with \`labels\`. nnU-Net's \`verify_dataset_integrity\` says
"Error: Unexpected labels found in file %s. Expected: %s Found: %s" and then "Some segmentation
images contained unexpected labels"; without the flag, training fails later with a CUDA
device-side assert. Typical causes: masks saved as 0/255 (MIC-DKFZ/nnUNet #1678), the BraTS
label 4 not remapped to 3 (#946, #2500), a class forgotten in \`labels\`.

Values are compared as nnU-Net reads them: scaled by \`scl_slope\`/\`scl_inter\`, then cast
to float32 (a float64 0.9999999999 reads as 1).

**Fix (unsafe), in the segmentations** (\`--fix --unsafe-fixes --labels\`):
- a binary mask saved as 0/255 (0/65535, 0/-1, or any single non-zero value) while \`labels\`
  declares exactly one class: the non-zero value becomes that class (a guess at the author's
  intent, hence unsafe; with several classes nothing is guessed: \`nnunet-doctor remap --map
  255:N\` says which);
- \`scl_slope\`/\`scl_inter\` that turn the stored declared labels into other values (stored
  0/1 with slope 255 reads as 0/255): the scaling is reset to 1/0, the voxel data stays.

The file is streamed (gunzip, map, gzip at level 1, nibabel's default), written to a temp
file, read back and its value counts checked against the mapping, then renamed; header bytes
stay as they are except \`scl_slope\`/\`scl_inter\`, and \`datatype\`/\`bitpix\` only when the
new values do not fit (then uint8 if the largest is below 255, else uint16, as nnU-Net's
\`write_seg\`). \`.nii.gz\`, \`.nii\` and 8/16-bit grey PNG are repaired; other formats are
"not supported for repair".

**Fix (unsafe), in dataset.json:** when no repair applies and declaring the undeclared values
keeps the labels consecutive, add \`"label_N": N\` at the end of \`labels\` (name your class
afterwards). **No fix** otherwise: the segmentations must be remapped (BraTS 4 -> 3:
\`nnunet-doctor remap --map 4:3\`).
Label files as a whole are reported here too, one line each, and the scan goes on: a file
that cannot be read (corrupt, truncated, unreadable, a FIFO or device, a header promising
more data than the file holds) is an error, as nnU-Net would fail on it; a format or
variant our readers do not read (such as \`.tif\`, NRRD ascii, a data file outside the
dataset folder) is a warning, "not checked"; an RGB(A), palette or 4D segmentation (more
than one value per voxel) and an image with more than 65536 distinct values are errors;
notes on how a file was read are info.`
    },
    check(ctx) {
      const facts = ctx.content;
      if (!facts) return [];
      const out = labelFileIssues(facts).map((i) => ({ offset: 0, length: 0, key: i.key, severity: i.severity, message: i.message }));
      const labelsProp = ctx.prop("labels");
      const view = labelView(ctx.doc, labelsProp?.children?.[1]);
      if (!view || view.entries.some((e) => !e.values)) return out;
      const declared = new Set(view.entries.flatMap((e) => e.values.map(Number)));
      const found = /* @__PURE__ */ new Map();
      for (const f of facts.files) {
        for (const x of f.scan?.values ?? []) {
          const v = asRead(x.value);
          if (Number.isInteger(v) && !declared.has(v)) found.set(v, [...found.get(v) ?? [], f.name]);
        }
      }
      if (!found.size) return out;
      const undeclared = [...found.keys()].sort((a, b) => a - b);
      if (undeclared.length > MAX_VALUES_LISTED) {
        const files = [...new Set(undeclared.flatMap((v) => found.get(v)))];
        out.push({
          node: view.node,
          key: "many-values",
          message: `${undeclared.length} values occur in labelsTr (${list(files)}) that labels does not declare (${undeclared.slice(0, 5).join(", ")}, ... ${undeclared[undeclared.length - 1]})`,
          nnunet: 'stops with "Error: Unexpected labels found in file ..." (--verify_dataset_integrity), or fails later in training',
          help: "so many values are not class labels: an image (or a probability map) was saved in labelsTr; put the segmentations there"
        });
        return out;
      }
      const all = [.../* @__PURE__ */ new Set([...declared, ...undeclared])].sort((a, b) => a - b);
      const consecutive = all.every((v, i) => v === i);
      const mask255 = undeclared.includes(255) && [...declared].every((v) => v <= 1);
      const seen = new Set(facts.files.flatMap((f) => f.scan?.values.map((x) => x.value) ?? []));
      const complete = facts.files.every((f) => f.scan);
      const unused = complete ? view.entries.filter((e) => e.name !== "background" && e.name !== "ignore" && e.values?.length === 1 && !seen.has(Number(e.values[0]))) : [];
      const shownDir = ctx.folder?.facts.displayDir ?? ctx.folder?.facts.datasetDir;
      const datasetArg = shownDir === void 0 ? "DATASET_FOLDER" : jsonString(shownDir);
      const name = (v) => ctx.options.labelName && undeclared.length === 1 ? ctx.options.labelName : `label_${v}`;
      undeclared.forEach((v, i) => {
        const files = found.get(v);
        const repairs = repairsOf(facts, files, v);
        if (repairs) {
          out.push({
            node: view.node,
            key: `v${v}`,
            message: `value ${v} occurs in ${files.length} file${files.length === 1 ? "" : "s"} of labelsTr (${list(files)}) but labels does not declare it`,
            nnunet: 'stops with "Error: Unexpected labels found in file ..." (--verify_dataset_integrity), or fails later in training',
            help: repairs.help,
            fix: { applicability: "unsafe", title: repairs.title, edits: [], scope: [], files: repairs.files }
          });
          return;
        }
        const occurs = `value ${v} occurs in ${files.length} file${files.length === 1 ? "" : "s"} of labelsTr (${list(files)})`;
        const where2 = `${occurs} but labels does not declare it`;
        const nnunet = 'stops with "Error: Unexpected labels found in file ..." (--verify_dataset_integrity), or fails later in training';
        if (mask255) {
          out.push({
            node: view.node,
            key: `v${v}`,
            message: `${occurs}: masks saved as 0/255`,
            nnunet,
            help: "save the masks as 0/1 (e.g. seg[seg == 255] = 1), do not declare 255"
          });
        } else if (unused.length) {
          const u = unused[0];
          const uname = jsonString(shorten(u.name));
          out.push({
            node: view.node,
            key: `v${v}`,
            message: where2,
            nnunet,
            help: `the declared ${uname} (${u.values[0]}) occurs in no file, so the segmentations most likely use ${v} for it: remap the segmentations (${v} -> ${u.values[0]}, as for BraTS label 4 -> 3) rather than declare ${v}: nnunet-doctor remap --map ${v}:${u.values[0]} ${datasetArg}`
          });
        } else if (consecutive && !view.inverted && i === 0) {
          const extra = undeclared.map((u) => `${jsonString(name(u))}: ${u}`);
          const first = insertLastProperty(ctx.doc, view.node, name(undeclared[0]), String(undeclared[0]));
          const sep = first.content.slice(0, first.content.indexOf('"'));
          const colon = colonStyle(ctx.doc, view.node);
          const content = undeclared.map((u) => sep + jsonString(name(u)) + colon + String(u)).join("");
          const edits = [{ offset: first.offset, length: 0, content }];
          out.push({
            node: view.node,
            key: `v${v}`,
            message: where2,
            nnunet,
            help: "then give the class its real name",
            fix: { applicability: "unsafe", title: `declare ${shorten(extra.join(", "), 80)} in labels`, edits, scope: [["labels"]] }
          });
        } else if (consecutive && !view.inverted) {
          out.push({ node: view.node, key: `v${v}`, message: where2, nnunet, help: `the fix for value ${undeclared[0]} declares it too` });
        } else {
          out.push({
            node: view.node,
            key: `v${v}`,
            message: where2,
            nnunet,
            help: "declaring it would leave a gap in the label values: remap the segmentations instead (e.g. BraTS 4 -> 3)"
          });
        }
      });
      return out;
    }
  };
  function repairsOf(facts, files, v) {
    const plans = files.map(
      (name) => facts.repairs?.find((p) => p.applicability === "unsafe" && p.code === "NNU401" && baseName(p.path) === name && p.mapping.some((c) => asRead(c.from) === v))
    );
    if (!plans.length || plans.some((p) => !p)) return void 0;
    const targets = [...new Set(plans.flatMap((p) => p.mapping.filter((c) => asRead(c.from) === v).map((c) => c.to)))];
    const kinds = [...new Set(plans.flatMap((p) => p.kinds))];
    const how = kinds.includes("scaling") ? "the scaling (scl_slope/scl_inter) turns stored labels into it" : `binary masks saved as 0/${v} while labels declares their one class as ${targets.join(" or ")}`;
    return {
      title: `map ${v} -> ${targets.join(" or ")} in ${files.length} segmentation file${files.length === 1 ? "" : "s"}`,
      help: `${how}; the repair rewrites the files (header bytes kept, verified before it replaces them)`,
      files: plans.map((p) => p.path)
    };
  }
  var baseName = (p) => p.slice(Math.max(p.lastIndexOf("/"), p.lastIndexOf("\\")) + 1);
  var NNU401_undeclared_label_value_default = rule33;

  // transforms/NNU402-non-integer-segmentation.ts
  var rule34 = {
    meta: {
      code: "NNU402",
      name: "non-integer-segmentation",
      severity: "error",
      fix: ["unsafe", "none"],
      stage: "content",
      summary: "a segmentation has non-integer values, NaN, or scl_slope/scl_inter that make them so",
      docs: `Segmentations must hold integer class values. A float volume with fractions (resampled
with linear interpolation instead of nearest neighbour), NaN voxels ("Segmentation contains NaN
values. grrrr.... :-(" in the fingerprint extractor) or a NIfTI \`scl_slope\`/\`scl_inter\` that
scales the stored integers to non-integers all break training.

Values are judged as nnU-Net reads them: scaled, then cast to float32 (\`1.0 in [0, 1]\` is
True: exactly integral floats are fine; a float32 0.99999994 is not).

**Fix (unsafe), in the segmentation** (\`--fix --unsafe-fixes --labels\`): float values within a
few float32 steps of an integer (0.99999994, 2.0000002: what a scale factor or a float32 round
trip leaves) are rounded; the file keeps its data type. Written as NNU401's repairs are:
streamed, verified, atomic, header bytes kept.

**No fix:** fractions (0.5, 10.92: a label map resampled with linear interpolation, or a
probability map): rounding would move class borders by guesswork; resample again from the
original labels with nearest-neighbour interpolation (order 0). Values like -1024 (image data
in labelsTr) and NaN: save the real segmentation as an integer type (uint8).`
    },
    check(ctx) {
      const facts = ctx.content;
      if (!facts) return [];
      const nonInteger = (f) => !!f.scan?.nonInteger && (f.scan.tooManyValues || f.scan.values.some((v) => !Number.isInteger(asRead(v.value))));
      return facts.files.filter((f) => f.scan && (nonInteger(f) || f.scan.nan)).map((f) => {
        const s = f.scan;
        const plan = facts.repairs?.find(
          (p) => p.code === "NNU402" && p.path.slice(Math.max(p.path.lastIndexOf("/"), p.path.lastIndexOf("\\")) + 1) === f.name
        );
        const slope = s.header.sclSlope && s.header.sclSlope !== 1 ? ` (scl_slope ${s.header.sclSlope}, scl_inter ${s.header.sclInter ?? 0})` : "";
        const what = [s.nan ? `${s.nanCount} NaN voxel${s.nanCount === 1 ? "" : "s"}` : "", nonInteger(f) ? `non-integer values${slope}` : ""].filter(Boolean).join(" and ");
        return {
          offset: 0,
          length: 0,
          key: `f@${f.name}`,
          message: `labelsTr/${shorten(f.name)} (${s.header.datatype}) has ${what}`,
          nnunet: s.nan ? 'stops with "Segmentation contains NaN pixel values. You need to fix that." (--verify_dataset_integrity)' : 'finds class values that are not integers ("Error: Unexpected labels found in file ...", --verify_dataset_integrity)',
          help: plan?.applicability === "unsafe" ? "its values are integers up to float rounding noise (what a scale factor or a float32 round trip leaves); the repair rounds them, keeping the data type" : plan?.applicability === "none" ? plan.description : "re-save it as uint8 with nearest-neighbour resampling",
          ...plan?.applicability === "unsafe" ? {
            fix: {
              applicability: "unsafe",
              title: `round ${listChanges(plan.mapping)} in labelsTr/${shorten(f.name)}`,
              edits: [],
              scope: [],
              files: [plan.path]
            }
          } : {}
        };
      });
    }
  };
  function listChanges(mapping) {
    const shown2 = mapping.slice(0, 3).map((c) => `${c.from} -> ${c.to}`);
    return mapping.length > 3 ? `${shown2.join(", ")} and ${mapping.length - 3} more values` : shown2.join(", ");
  }
  var NNU402_non_integer_segmentation_default = rule34;

  // transforms/NNU403-declared-label-unused.ts
  var rule35 = {
    meta: {
      code: "NNU403",
      name: "declared-label-unused",
      severity: "warning",
      fix: ["none"],
      stage: "content",
      summary: "a declared label never occurs in any segmentation",
      docs: `A class declared in \`labels\` whose value occurs in no file of labelsTr trains an output
channel that never sees a positive voxel. Usually \`labels\` was copied from another dataset, or
the conversion dropped a class. Background and \`ignore\` are not checked.

**No fix:** check the conversion; remove the class only if the value truly does not exist
(and keep the values consecutive, see NNU106).`
    },
    check(ctx) {
      const facts = ctx.content;
      if (!facts || !facts.files.length || facts.files.some((f) => !f.scan)) return [];
      const view = labelView(ctx.doc, ctx.prop("labels")?.children?.[1]);
      if (!view) return [];
      const seen = new Set(facts.files.flatMap((f) => f.scan.values.map((v) => v.value)));
      return view.entries.filter((e) => e.name !== "background" && e.name !== "ignore" && e.values && e.values.length === 1 && !seen.has(Number(e.values[0]))).map((e) => ({
        node: e.nameNode,
        key: `u@${e.name}`,
        message: `label ${jsonString(shorten(e.name))} (${e.values[0]}) occurs in none of the ${facts.files.length} segmentations in labelsTr`,
        nnunet: "would train a class it never sees",
        help: "check the conversion"
      }));
    }
  };
  var NNU403_declared_label_unused_default = rule35;

  // transforms/NNU404-geometry-mismatch.ts
  var SHOW2 = 5;
  function allclose(a, b) {
    return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) <= 1e-8 + 1e-5 * Math.abs(b[i]));
  }
  var rule36 = {
    meta: {
      code: "NNU404",
      name: "geometry-mismatch",
      severity: "error",
      fix: ["none"],
      stage: "content",
      summary: "image and segmentation of a case differ in shape or spacing (from headers only)",
      docs: `nnU-Net requires the segmentation to have the shape and spacing of its image:
"Error: Shape mismatch between segmentation and corresponding images." /
"Error: Spacing mismatch between segmentation and corresponding images." (with
\`--verify_dataset_integrity\`), or "Shape mismatch between image and segmentation. Please fix
your dataset" in preprocessing (MIC-DKFZ/nnUNet #1913, #2333, #1267). Only the headers are read
(the first channel \`_0000\` of each case against its label file); an image whose header cannot
be read (a FIFO, a device, unreadable, corrupt) is reported too, one line each.

**No fix:** resample the segmentation onto the image grid (nearest neighbour), or fix the
header that is wrong.`
    },
    check(ctx) {
      const facts = ctx.content;
      if (!facts) return [];
      const unread = (facts.unreadableImages ?? []).map((u) => ({
        offset: 0,
        length: 0,
        key: `image@${u.imageFile}`,
        message: `imagesTr/${shorten(u.imageFile)} could not be read, so ${shorten(u.case)} was not checked against its segmentation: ${u.message}`
      }));
      const bad = facts.geometry.map((g) => {
        const n = Math.min(3, g.image.dims.length, g.label.dims.length);
        const shape = g.image.dims.slice(0, n).join("x") !== g.label.dims.slice(0, n).join("x");
        const spacing = !allclose(g.image.spacing.slice(0, n), g.label.spacing.slice(0, n));
        return { g, n, shape, spacing };
      }).filter((x) => x.shape || x.spacing);
      if (!bad.length) return unread;
      const describe2 = ({ g, n, shape }) => shape ? `${shorten(g.case)}: image ${g.image.dims.slice(0, n).join("x")} vs segmentation ${g.label.dims.slice(0, n).join("x")}` : `${shorten(g.case)}: spacing ${g.image.spacing.slice(0, n).map((v) => +v.toFixed(4)).join("x")} vs ${g.label.spacing.slice(0, n).map((v) => +v.toFixed(4)).join("x")}`;
      const shown2 = bad.slice(0, SHOW2).map(describe2).join("; ");
      const kind = bad.some((b) => b.shape) ? "Shape" : "Spacing";
      return [
        ...unread,
        {
          offset: 0,
          length: 0,
          key: "geometry",
          message: `${bad.length} case${bad.length === 1 ? "" : "s"} whose segmentation does not match the image (${describe2(bad[0])}${bad.length > 1 ? ", ..." : ""})`,
          nnunet: `stops with "Error: ${kind} mismatch between segmentation and corresponding images." (--verify_dataset_integrity)`,
          help: `${shown2}${bad.length > SHOW2 ? `; and ${bad.length - SHOW2} more` : ""}; resample the segmentation onto the image grid`
        }
      ];
    }
  };
  var NNU404_geometry_mismatch_default = rule36;

  // transforms/index.ts
  var rules = [
    NNU000_not_nnunet_default,
    NNU001_invalid_json_default,
    NNU002_jsonc_syntax_default,
    NNU003_byte_order_mark_default,
    NNU004_duplicate_key_default,
    NNU005_non_finite_number_default,
    NNU006_not_an_object_default,
    NNU007_encoding_default,
    NNU101_background_missing_default,
    NNU102_labels_inverted_default,
    NNU103_background_not_zero_default,
    NNU104_background_not_first_default,
    NNU105_label_value_not_int_default,
    NNU106_labels_not_consecutive_default,
    NNU107_ignore_label_default,
    NNU108_regions_default,
    NNU109_duplicate_label_value_default,
    NNU110_labels_empty_default,
    NNU201_missing_key_default,
    NNU202_legacy_modality_default,
    NNU203_channel_names_inverted_default,
    NNU204_num_training_not_int_default,
    NNU205_file_ending_format_default,
    NNU206_reader_writer_default,
    NNU207_legacy_v1_keys_default,
    NNU301_num_training_mismatch_default,
    NNU302_file_ending_mismatch_default,
    NNU303_case_naming_default,
    NNU304_missing_label_file_default,
    NNU305_channel_count_default,
    NNU306_dataset_folder_name_default,
    NNU307_stale_preprocessed_copy_default,
    NNU401_undeclared_label_value_default,
    NNU402_non_integer_segmentation_default,
    NNU403_declared_label_unused_default,
    NNU404_geometry_mismatch_default
  ].sort((a, b) => a.meta.code.localeCompare(b.meta.code));
  function ruleByCode(code) {
    return rules.find((r) => r.meta.code === code.toUpperCase());
  }

  // src/explain.ts
  function fixKindLabel(r) {
    return r.meta.fix.join(" / ");
  }
  function severityLabel(r) {
    return (r.meta.severities ?? [r.meta.severity]).join(" / ");
  }
  function explainRule(r) {
    const m = r.meta;
    const head = `${m.code} ${m.name}`;
    return [
      head,
      "=".repeat(head.length),
      "",
      m.summary,
      "",
      `Severity: ${severityLabel(r)}${m.optIn ? " (opt-in: only with --select " + m.code + ")" : ""}`,
      `Fix: ${fixKindLabel(r)}`,
      `Checks: ${{ bytes: "the file bytes", text: "the JSON text", kind: "the JSON text", document: "dataset.json", folder: "the dataset folder (imagesTr/labelsTr)", content: "segmentation files (--labels)", copy: "nnU-Net's preprocessed copy of dataset.json" }[m.stage]}`,
      "",
      m.docs.trim(),
      "",
      `The rule's page, with an example before and after: docs/rules/${m.code}.md`,
      ""
    ].join("\n");
  }

  // src/verify.ts
  function toPyValue(doc, node) {
    switch (node.type) {
      case "object":
        return {
          type: "object",
          pairs: (node.children ?? []).map((p) => [
            String(p.children?.[0]?.value),
            p.children?.[1] ? toPyValue(doc, p.children[1]) : { type: "scalar", raw: "null" }
          ])
        };
      case "array":
        return { type: "array", items: (node.children ?? []).map((c) => toPyValue(doc, c)) };
      case "string":
        return { type: "scalar", raw: JSON.stringify(node.value) };
      case "number": {
        const nf = doc.nonFinite.find((n) => n.offset === node.offset);
        return { type: "scalar", raw: nf ? nf.raw : doc.text.slice(node.offset, node.offset + node.length) };
      }
      default:
        return { type: "scalar", raw: doc.text.slice(node.offset, node.offset + node.length) };
    }
  }
  function verifyFixed(original, fixed, scope) {
    const jsonc = (d) => d.bom || d.comments.length > 0 || d.trailingCommas.length > 0;
    const leftOnPurpose = jsonc(fixed) && (!fixed.bom || original.bom) && fixed.comments.length <= original.comments.length && fixed.trailingCommas.length <= original.trailingCommas.length;
    if (!leftOnPurpose && !fixed.strict) {
      const e = pythonLoadError(fixed.text);
      if (e) return { ok: false, reason: `the fixed text would not load in Python's json.load: ${e.message} (offset ${e.offset})` };
    }
    if (fixed.parseErrors.length || !fixed.root) return { ok: false, reason: `the fixed text does not parse (${fixed.parseErrors[0]?.code ?? "empty"})` };
    if (!original.root) return { ok: false, reason: "the original has no JSON value" };
    const diff = compareNodes(original, original.root, fixed, fixed.root, scope);
    return diff ? { ok: false, reason: `a value outside the fixed spots would change: ${diff}` } : { ok: true };
  }
  function compareNodes(a, an, b, bn, scope) {
    const root = { skip: false, kids: /* @__PURE__ */ new Map() };
    for (const p of scope) {
      let n = root;
      for (const k of p) {
        let next = n.kids.get(k);
        if (!next) n.kids.set(k, next = { skip: false, kids: /* @__PURE__ */ new Map() });
        n = next;
      }
      n.skip = true;
    }
    const same = (x, y) => x.length === y.length && a.text.slice(x.offset, x.offset + x.length) === b.text.slice(y.offset, y.offset + y.length);
    const walk = (x, y, sn, path) => {
      if (sn?.skip) return void 0;
      if (!sn && same(x, y)) return void 0;
      if (x.type !== y.type) return `${where(path())} changed type`;
      if (x.type === "object") {
        const k = (p) => String(p.children?.[0]?.value);
        const keep = (n) => (n.children ?? []).filter((p) => !sn?.kids.get(k(p))?.skip);
        const xs = keep(x);
        const ys = keep(y);
        if (xs.length !== ys.length || xs.some((p, i) => k(p) !== k(ys[i]))) return `${where(path())} keys or key order changed`;
        for (let i = 0; i < xs.length; i++) {
          const key = k(xs[i]);
          const vx = xs[i].children?.[1];
          const vy = ys[i].children?.[1];
          if (!vx || !vy) return `${where([...path(), key])} changed`;
          const d = walk(vx, vy, sn?.kids.get(key), () => [...path(), key]);
          if (d) return d;
        }
        return void 0;
      }
      if (x.type === "array") {
        const xs = x.children ?? [];
        const ys = y.children ?? [];
        if (xs.length !== ys.length) return `${where(path())} changed length`;
        for (let i = 0; i < xs.length; i++) {
          const d = walk(xs[i], ys[i], sn?.kids.get(i), () => [...path(), i]);
          if (d) return d;
        }
        return void 0;
      }
      const px = toPyValue(a, x);
      const py = toPyValue(b, y);
      return px.type === "scalar" && py.type === "scalar" && px.raw === py.raw ? void 0 : `${where(path())} changed from ${describe(px)} to ${describe(py)}`;
    };
    return walk(an, bn, root, () => []);
  }
  var describe = (v) => v.type === "scalar" ? v.raw : v.type;
  var where = (path) => path.length ? path.map((p) => typeof p === "number" ? `[${p}]` : `.${p}`).join("") : "(top level)";

  // src/engine.ts
  function matchesCode(code, patterns) {
    return patterns.some((p) => p.toUpperCase() === "ALL" || code.startsWith(p.toUpperCase()));
  }
  function selectRules(options, rules2 = rules) {
    return rules2.filter((r) => {
      const code = r.meta.code;
      const selected = options.select?.length ? r.meta.optIn ? options.select.some((p) => p.toUpperCase() === code) : matchesCode(code, options.select) : !r.meta.optIn;
      return selected && !(options.ignore && matchesCode(code, options.ignore));
    });
  }
  function runStages(doc, rules2, extras, stages, ctx = contextFor(doc, extras)) {
    const findings = [];
    for (const stage of stages) {
      for (const rule37 of rules2) {
        if (rule37.meta.stage !== stage) continue;
        for (const f of rule37.check(ctx)) findings.push({ ...f, rule: rule37 });
      }
    }
    return findings;
  }
  function contextFor(doc, extras) {
    let labels;
    return {
      doc,
      root: doc.root,
      prop: (key) => lastProperty(doc.root, key),
      get labels() {
        return (labels ??= { view: labelView(doc, lastProperty(doc.root, "labels")?.children?.[1]) }).view;
      },
      options: extras.options,
      folder: extras.folder,
      content: extras.content,
      copy: extras.copy,
      decodeError: extras.decodeError
    };
  }
  function runRules(doc, rules2, extras) {
    const ctx = contextFor(doc, extras);
    const findings = runStages(doc, rules2, extras, ["bytes"], ctx);
    if (extras.decodeError) return { kind: "invalid", findings };
    findings.push(...runStages(doc, rules2, extras, ["text"], ctx));
    if (doc.parseErrors.length || doc.root?.type !== "object") return { kind: "invalid", findings };
    const { kind } = classify(doc);
    findings.push(...runStages(doc, rules2, extras, ["kind"], ctx));
    if (kind === "not-nnunet") return { kind, findings };
    findings.push(...runStages(doc, rules2, extras, ["document", "folder", "content"], ctx));
    return { kind, findings };
  }
  function keyOf2(f) {
    if (f.key) return `${f.rule.meta.code}|${f.key}`;
    if (f.node) return `${f.rule.meta.code}|${JSON.stringify(getNodePath2(f.node))}`;
    return `${f.rule.meta.code}|@${f.message}`;
  }
  function toDiagnostic(f, doc, available) {
    const offset = f.node?.offset ?? f.offset ?? 0;
    const length = f.node?.length ?? f.length ?? 0;
    const start = positionAt(doc, offset);
    const end = positionAt(doc, offset + length);
    const severity = f.severity ?? f.rule.meta.severity;
    return {
      code: f.rule.meta.code,
      name: f.rule.meta.name,
      severity,
      message: f.message,
      ...f.nnunet ? { nnunet: f.nnunet } : {},
      ...f.help ? { help: f.help } : {},
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      offset,
      length,
      fix: f.fix ? {
        applicability: f.fix.applicability,
        available,
        applied: available,
        title: f.fix.title,
        edits: f.fix.edits,
        ...f.fix.files ? { files: f.fix.files } : {}
      } : { applicability: "none", available, applied: available },
      key: keyOf2(f)
    };
  }
  function allowed(fix, unsafe) {
    return !!fix && (fix.applicability === "safe" || unsafe);
  }
  function spanOf(fix) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const e of fix.edits) {
      lo = Math.min(lo, e.offset);
      hi = Math.max(hi, e.offset + e.length);
    }
    return [lo, hi];
  }
  var isPrefix = (a, b) => a.length <= b.length && a.every((x, i) => x === b[i]);
  function pickFixes(candidates) {
    const taken = [];
    const out = [];
    for (const f of candidates) {
      const fix = f.fix;
      const span = spanOf(fix);
      const clash = taken.some(
        (t) => span[0] <= t.span[1] && t.span[0] <= span[1] || fix.scope.some((p) => t.scope.some((q) => isPrefix(p, q) || isPrefix(q, p)))
      );
      if (clash) continue;
      taken.push({ span, scope: fix.scope });
      out.push(f);
    }
    return out;
  }
  var DEFAULT_MAX_PASSES = 16;
  function fixText(input, options = {}) {
    return fixDocument(parseDocument(input, { path: options.parse }), options);
  }
  function fixBytes(bytes, options = {}) {
    const decoded = decodeBytes(bytes);
    if (decoded.ok) return fixText(decoded.text, options);
    return fixDocument(parseDocument(""), options, { reason: decoded.reason, offset: decoded.offset });
  }
  function runPasses(original, first, rules2, extras, unsafe, options) {
    let text = original.text;
    let doc = original;
    let current = first;
    const applied = [];
    const scope = [];
    let error;
    const blocked = first.findings.some((f) => f.rule.meta.blocksWrite);
    const maxPasses = options.maxPasses ?? DEFAULT_MAX_PASSES;
    if (!blocked) {
      for (let pass = 0; ; pass++) {
        const candidates = current.findings.filter((f) => allowed(f.fix, unsafe) && f.fix.edits.length > 0);
        if (!candidates.length) break;
        if (pass >= maxPasses) {
          error = `fixes did not converge after ${maxPasses} passes (last: ${candidates[0].rule.meta.code}); nothing written`;
          break;
        }
        const chosen = pickFixes(candidates);
        const edits = chosen.flatMap((f) => f.fix.edits);
        let nextText;
        try {
          nextText = applyEdits(text, edits);
        } catch (e) {
          error = `${chosen.map((f) => f.rule.meta.code).join("+")} produced an invalid edit: ${e.message}; nothing written`;
          break;
        }
        if (nextText === text) {
          error = `${chosen[0].rule.meta.code} proposed a fix that changes nothing; nothing written`;
          break;
        }
        for (const f of chosen) {
          applied.push({ code: f.rule.meta.code, title: f.fix.title, applicability: f.fix.applicability, edits: f.fix.edits, pass });
          scope.push(...f.fix.scope);
        }
        text = nextText;
        doc = parseDocument(text, { path: options.parse, after: { from: doc, edits } });
        current = runRules(doc, rules2, extras);
      }
    }
    if (!error && text !== original.text) {
      const v = verifyFixed(original, doc, scope);
      if (!v.ok) error = `verification failed, nothing written: ${v.reason}`;
    }
    if (error) return { text: original.text, doc: original, current: first, applied: [], error };
    return { text, doc, current, applied };
  }
  function diagnose(original, first, outcome, remainingKeys, unsafe) {
    const appliedBy = new Map(outcome.applied.map((a) => [a.code, a]));
    return first.findings.map((f) => {
      const own = appliedBy.get(f.rule.meta.code);
      const gone = !outcome.error && !remainingKeys.has(keyOf2(f));
      const fixed = gone && (allowed(f.fix, unsafe) ? outcome.applied.length > 0 : !!own);
      const d = toDiagnostic(f, original, fixed);
      if (fixed && !allowed(f.fix, unsafe) && own) d.fix = { applicability: own.applicability, available: true, applied: true, title: own.title };
      return d;
    });
  }
  function fixDocument(original, options = {}, decodeError) {
    const rules2 = selectRules(options, options.rules ?? rules);
    const extras = {
      folder: options.folder ? new FolderContext(options.folder) : void 0,
      content: options.content,
      decodeError,
      options
    };
    const first = runRules(original, rules2, extras);
    const unsafe = !!options.unsafeFixes;
    const outcome = runPasses(original, first, rules2, extras, unsafe, options);
    const byPosition = (a, b) => a.offset - b.offset || a.code.localeCompare(b.code);
    const remaining = outcome.current.findings.map((f) => toDiagnostic(f, outcome.doc, false));
    const diagnostics = diagnose(original, first, outcome, new Set(remaining.map((d) => d.key)), unsafe);
    if (!unsafe && diagnostics.some((d) => d.fix.applicability === "unsafe" && !d.fix.available && !d.fix.files)) {
      const withUnsafe = runPasses(original, first, rules2, extras, true, options);
      const left = new Set(withUnsafe.current.findings.map(keyOf2));
      diagnose(original, first, withUnsafe, left, true).forEach((u, i) => {
        if (u.fix.available && !diagnostics[i].fix.available) diagnostics[i].fix.unsafeAvailable = true;
      });
    }
    return {
      kind: first.kind,
      input: original.text,
      output: outcome.text,
      changed: outcome.text !== original.text,
      diagnostics: diagnostics.sort(byPosition),
      remaining: remaining.sort(byPosition),
      applied: outcome.applied,
      error: outcome.error,
      document: outcome.doc
    };
  }

  // src/folder/posix-path.ts
  function normalize(p) {
    const abs = p.startsWith("/");
    const out = [];
    for (const part of p.split("/")) {
      if (!part || part === ".") continue;
      if (part === "..") {
        if (out.length && out[out.length - 1] !== "..") out.pop();
        else if (!abs) out.push("..");
        continue;
      }
      out.push(part);
    }
    const s = (abs ? "/" : "") + out.join("/");
    return s || (abs ? "/" : ".");
  }
  function dirname(p) {
    const t = p.length > 1 ? p.replace(/\/+$/, "") : p;
    const i = t.lastIndexOf("/");
    if (i < 0) return ".";
    if (i === 0) return "/";
    return t.slice(0, i);
  }
  function basename(p) {
    const t = p.length > 1 ? p.replace(/\/+$/, "") : p;
    return t.slice(t.lastIndexOf("/") + 1);
  }
  var posixPath = {
    join: (...parts) => normalize(parts.filter(Boolean).join("/")),
    resolve: (...parts) => {
      let acc = "";
      for (const p of parts) acc = p.startsWith("/") ? p : acc ? `${acc}/${p}` : p;
      return normalize(acc.startsWith("/") ? acc : `/${acc}`);
    },
    dirname,
    basename,
    isAbsolute: (p) => p.startsWith("/"),
    posix: { normalize, dirname, basename }
  };

  // src/folder/collect.ts
  var MAX_COPY_BYTES = 16 * 1024 * 1024;
  function errCode(e) {
    return e?.code;
  }
  function errMessage(e) {
    return e?.message ?? String(e);
  }
  function toListing(entries2) {
    const files = [];
    const dirs = [];
    for (const d of entries2) {
      if (d.isDirectory()) dirs.push(d.name);
      else if (d.isFile() || d.isSymbolicLink()) files.push(d.name);
    }
    files.sort(pyComparator(files));
    dirs.sort(pyComparator(dirs));
    return { files, dirs };
  }
  async function tryList(fs, dir, errors) {
    try {
      return toListing(await fs.readdir(dir));
    } catch (e) {
      if (errCode(e) !== "ENOENT") errors.push({ dir, message: errMessage(e) });
      return void 0;
    }
  }
  async function listNames(fs, path, dir, cache) {
    const key = path.resolve(dir);
    const cached = cache?.get(key);
    if (cached) return cached;
    const p = fs.readdir(dir).then(
      (es) => {
        const names = es.filter((d) => d.isDirectory() || d.isSymbolicLink()).map((d) => d.name);
        return names.sort(pyComparator(names));
      },
      () => void 0
    );
    cache?.set(key, p);
    return p;
  }
  function preprocessedRootOf(path, datasetDir, opts) {
    if (opts.preprocessedRoot) return { root: path.resolve(opts.preprocessedRoot), source: "option" };
    const env = opts.env?.["nnUNet_preprocessed"];
    if (env) return { root: path.resolve(env), source: "env" };
    return { root: path.join(path.dirname(path.dirname(datasetDir)), "nnUNet_preprocessed"), source: "sibling" };
  }
  function resultsRootOf(path, datasetDir, opts) {
    if (opts.resultsRoot) return path.resolve(opts.resultsRoot);
    const env = opts.env?.["nnUNet_results"];
    if (env) return path.resolve(env);
    return path.join(path.dirname(path.dirname(datasetDir)), "nnUNet_results");
  }
  function datasetKeyPaths2(doc) {
    const ds = lastProperty(doc.root, "dataset")?.children?.[1];
    if (ds?.type !== "object") return void 0;
    const paths = [];
    const invalid2 = [];
    for (const c of ds.children ?? []) {
      const entry = c.children?.[1];
      if (entry?.type !== "object") continue;
      const images = lastProperty(entry, "images")?.children?.[1];
      const label = lastProperty(entry, "label")?.children?.[1];
      for (const n of [...images?.type === "array" ? images.children ?? [] : [], ...label ? [label] : []]) {
        if (n.type === "string") paths.push(String(n.value));
        else invalid2.push(doc.text.slice(n.offset, n.offset + n.length));
      }
    }
    return { paths: [...new Set(paths)], invalid: invalid2 };
  }
  function insideRelative(p) {
    if (p === "" || p.startsWith("/") || p.startsWith("\\") || /^[A-Za-z]:[\\/]/.test(p)) return void 0;
    const norm = posixPath.posix.normalize(p);
    if (norm === ".." || norm.startsWith("../") || norm === "." || norm.startsWith("/")) return void 0;
    return norm.replace(/\/+$/, "");
  }
  async function checkDatasetPaths(fs, path, datasetDir, paths, given) {
    const listings = /* @__PURE__ */ new Map();
    for (const [k, l] of given) if (l) listings.set(k, { files: new Set(l.files), dirs: new Set(l.dirs) });
    const out = {};
    const dirState = /* @__PURE__ */ new Map();
    const dirListing = /* @__PURE__ */ new Map();
    const stateOf = (rel) => {
      if (rel === "") return Promise.resolve("dir");
      let p = dirState.get(rel);
      if (!p) {
        p = (async () => {
          const parent = path.posix.dirname(rel);
          const up = await stateOf(parent === "." ? "" : parent);
          if (up !== "dir") return up === "not-dir" ? "missing" : up;
          try {
            const st = await fs.lstat(path.join(datasetDir, rel));
            return st.isSymbolicLink() ? "link" : st.isDirectory() ? "dir" : "not-dir";
          } catch {
            return "missing";
          }
        })();
        dirState.set(rel, p);
      }
      return p;
    };
    const entriesOf = (rel) => {
      let p = dirListing.get(rel);
      if (!p) {
        p = fs.readdir(path.join(datasetDir, rel)).then(
          (es) => new Map(es.map((d) => [d.name, d])),
          () => void 0
        );
        dirListing.set(rel, p);
      }
      return p;
    };
    for (const p of paths) {
      if (p.includes("$")) {
        out[p] = "variable";
        continue;
      }
      const rel = insideRelative(p);
      if (rel === void 0) {
        out[p] = "outside";
        continue;
      }
      const dir = path.posix.dirname(rel) === "." ? "" : path.posix.dirname(rel);
      const base = path.posix.basename(rel);
      const listed = listings.get(dir);
      if (listed) {
        out[p] = listed.files.has(base) ? "exists" : listed.dirs.has(base) ? "not-a-file" : "missing";
        continue;
      }
      const st = await stateOf(dir);
      if (st !== "dir") {
        out[p] = st === "link" ? "link" : "missing";
        continue;
      }
      const e = (await entriesOf(dir))?.get(base);
      out[p] = !e ? "missing" : e.isSymbolicLink() ? "link" : e.isDirectory() ? "not-a-file" : "exists";
    }
    return out;
  }
  async function collectFolderFactsWith(fs, datasetDir, opts = {}) {
    const path = opts.path ?? posixPath;
    const dir = path.resolve(datasetDir);
    const listErrors = [];
    let top;
    try {
      top = await fs.readdir(dir);
    } catch {
      return void 0;
    }
    const has = (name) => top.some((d) => d.name === name && (d.isDirectory() || d.isSymbolicLink()));
    let doc = opts.datasetJson;
    if (doc === void 0 && top.some((d) => d.name === "dataset.json")) {
      try {
        const decoded = decodeBytes(await fs.readFile(path.join(dir, "dataset.json")));
        if (decoded.ok) doc = parseDocument(decoded.text);
      } catch {
      }
    }
    const dsPaths = doc !== void 0 ? datasetKeyPaths2(doc) : void 0;
    if (!has("imagesTr") && !has("labelsTr") && !dsPaths) return void 0;
    const [imagesTr, labelsTr, imagesTs] = await Promise.all(
      ["imagesTr", "labelsTr", "imagesTs"].map((sub) => has(sub) ? tryList(fs, path.join(dir, sub), listErrors) : Promise.resolve(void 0))
    );
    const headers = [];
    if (imagesTr) {
      const seen = /* @__PURE__ */ new Set();
      for (const f of imagesTr.files) {
        if (isHidden(f) || !canReadHeader(f)) continue;
        const e = endingOf(f);
        if (e === void 0 || seen.has(e)) continue;
        seen.add(e);
        if (seen.size > 8) break;
        try {
          headers.push({ file: f, header: await fs.readHeader(path.join(dir, "imagesTr", f)) });
        } catch (e2) {
          headers.push({ file: f, error: errMessage(e2) });
        }
      }
    }
    const cache = opts.cache;
    const folderName = path.basename(dir);
    const parentDir = path.dirname(dir);
    const pre = preprocessedRootOf(path, dir, opts);
    const resultsRoot = resultsRootOf(path, dir, opts);
    const idRoots = [];
    const rootsSeen = /* @__PURE__ */ new Set();
    for (const [kind, root] of [
      ["raw", parentDir],
      ["preprocessed", pre.root],
      ["results", resultsRoot]
    ]) {
      if (rootsSeen.has(root)) continue;
      rootsSeen.add(root);
      const names = await listNames(fs, path, root, cache);
      if (names) idRoots.push({ kind, path: root, names });
    }
    let preprocessed;
    const copyPath = path.join(pre.root, folderName, "dataset.json");
    if (path.resolve(copyPath) !== path.join(dir, "dataset.json")) {
      try {
        const bytes = await fs.readFile(copyPath);
        if (bytes.length > MAX_COPY_BYTES) {
          preprocessed = { ...pre, path: copyPath, error: `larger than ${MAX_COPY_BYTES} bytes; not read` };
        } else {
          const decoded = decodeBytes(bytes);
          preprocessed = decoded.ok ? { ...pre, path: copyPath, text: decoded.text } : { ...pre, path: copyPath, error: decoded.reason };
        }
      } catch (e) {
        if (errCode(e) !== "ENOENT" && errCode(e) !== "ENOTDIR") preprocessed = { ...pre, path: copyPath, error: errMessage(e) };
      }
    }
    let datasetKey;
    if (dsPaths) {
      const listings = /* @__PURE__ */ new Map([
        ["imagesTr", imagesTr],
        ["labelsTr", labelsTr],
        ["imagesTs", imagesTs]
      ]);
      const paths = await checkDatasetPaths(fs, path, dir, dsPaths.paths, listings);
      for (const raw of dsPaths.invalid) paths[raw] = "invalid";
      datasetKey = { paths };
    }
    return {
      datasetDir: dir,
      folderName,
      imagesTr,
      labelsTr,
      imagesTs,
      listErrors,
      headers,
      idRoots,
      preprocessed,
      datasetKey
    };
  }

  // node_modules/diff/libesm/diff/base.js
  var Diff = class {
    diff(oldStr, newStr, options = {}) {
      let callback;
      if (typeof options === "function") {
        callback = options;
        options = {};
      } else if ("callback" in options) {
        callback = options.callback;
      }
      const oldString = this.castInput(oldStr, options);
      const newString = this.castInput(newStr, options);
      const oldTokens = this.removeEmpty(this.tokenize(oldString, options));
      const newTokens = this.removeEmpty(this.tokenize(newString, options));
      return this.diffWithOptionsObj(oldTokens, newTokens, options, callback);
    }
    diffWithOptionsObj(oldTokens, newTokens, options, callback) {
      var _a;
      const done = (value) => {
        value = this.postProcess(value, options);
        if (callback) {
          setTimeout(function() {
            callback(value);
          }, 0);
          return void 0;
        } else {
          return value;
        }
      };
      const newLen = newTokens.length, oldLen = oldTokens.length;
      let editLength = 1;
      let maxEditLength = newLen + oldLen;
      if (options.maxEditLength != null) {
        maxEditLength = Math.min(maxEditLength, options.maxEditLength);
      }
      const maxExecutionTime = (_a = options.timeout) !== null && _a !== void 0 ? _a : Infinity;
      const abortAfterTimestamp = Date.now() + maxExecutionTime;
      const bestPath = [{ oldPos: -1, lastComponent: void 0 }];
      let newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options);
      if (bestPath[0].oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
        return done(this.buildValues(bestPath[0].lastComponent, newTokens, oldTokens));
      }
      let minDiagonalToConsider = -Infinity, maxDiagonalToConsider = Infinity;
      const execEditLength = () => {
        for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
          let basePath;
          const removePath = bestPath[diagonalPath - 1], addPath = bestPath[diagonalPath + 1];
          if (removePath) {
            bestPath[diagonalPath - 1] = void 0;
          }
          let canAdd = false;
          if (addPath) {
            const addPathNewPos = addPath.oldPos - diagonalPath;
            canAdd = addPath && 0 <= addPathNewPos && addPathNewPos < newLen;
          }
          const canRemove = removePath && removePath.oldPos + 1 < oldLen;
          if (!canAdd && !canRemove) {
            bestPath[diagonalPath] = void 0;
            continue;
          }
          if (!canRemove || canAdd && removePath.oldPos < addPath.oldPos) {
            basePath = this.addToPath(addPath, true, false, 0, options);
          } else {
            basePath = this.addToPath(removePath, false, true, 1, options);
          }
          newPos = this.extractCommon(basePath, newTokens, oldTokens, diagonalPath, options);
          if (basePath.oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
            return done(this.buildValues(basePath.lastComponent, newTokens, oldTokens)) || true;
          } else {
            bestPath[diagonalPath] = basePath;
            if (basePath.oldPos + 1 >= oldLen) {
              maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1);
            }
            if (newPos + 1 >= newLen) {
              minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1);
            }
          }
        }
        editLength++;
      };
      if (callback) {
        (function exec() {
          setTimeout(function() {
            if (editLength > maxEditLength || Date.now() > abortAfterTimestamp) {
              return callback(void 0);
            }
            if (!execEditLength()) {
              exec();
            }
          }, 0);
        })();
      } else {
        while (editLength <= maxEditLength && Date.now() <= abortAfterTimestamp) {
          const ret = execEditLength();
          if (ret) {
            return ret;
          }
        }
      }
    }
    addToPath(path, added, removed, oldPosInc, options) {
      const last = path.lastComponent;
      if (last && !options.oneChangePerToken && last.added === added && last.removed === removed) {
        return {
          oldPos: path.oldPos + oldPosInc,
          lastComponent: { count: last.count + 1, added, removed, previousComponent: last.previousComponent }
        };
      } else {
        return {
          oldPos: path.oldPos + oldPosInc,
          lastComponent: { count: 1, added, removed, previousComponent: last }
        };
      }
    }
    extractCommon(basePath, newTokens, oldTokens, diagonalPath, options) {
      const newLen = newTokens.length, oldLen = oldTokens.length;
      let oldPos = basePath.oldPos, newPos = oldPos - diagonalPath, commonCount = 0;
      while (newPos + 1 < newLen && oldPos + 1 < oldLen && this.equals(oldTokens[oldPos + 1], newTokens[newPos + 1], options)) {
        newPos++;
        oldPos++;
        commonCount++;
        if (options.oneChangePerToken) {
          basePath.lastComponent = { count: 1, previousComponent: basePath.lastComponent, added: false, removed: false };
        }
      }
      if (commonCount && !options.oneChangePerToken) {
        basePath.lastComponent = { count: commonCount, previousComponent: basePath.lastComponent, added: false, removed: false };
      }
      basePath.oldPos = oldPos;
      return newPos;
    }
    equals(left, right, options) {
      if (options.comparator) {
        return options.comparator(left, right);
      } else {
        return left === right || !!options.ignoreCase && left.toLowerCase() === right.toLowerCase();
      }
    }
    removeEmpty(array) {
      const ret = [];
      for (let i = 0; i < array.length; i++) {
        if (array[i]) {
          ret.push(array[i]);
        }
      }
      return ret;
    }
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    castInput(value, options) {
      return value;
    }
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    tokenize(value, options) {
      return Array.from(value);
    }
    join(chars) {
      return chars.join("");
    }
    postProcess(changeObjects, options) {
      return changeObjects;
    }
    get useLongestToken() {
      return false;
    }
    buildValues(lastComponent, newTokens, oldTokens) {
      const components = [];
      let nextComponent;
      while (lastComponent) {
        components.push(lastComponent);
        nextComponent = lastComponent.previousComponent;
        delete lastComponent.previousComponent;
        lastComponent = nextComponent;
      }
      components.reverse();
      const componentLen = components.length;
      let componentPos = 0, newPos = 0, oldPos = 0;
      for (; componentPos < componentLen; componentPos++) {
        const component = components[componentPos];
        if (!component.removed) {
          if (!component.added && this.useLongestToken) {
            let value = newTokens.slice(newPos, newPos + component.count);
            value = value.map(function(value2, i) {
              const oldValue = oldTokens[oldPos + i];
              return oldValue.length > value2.length ? oldValue : value2;
            });
            component.value = this.join(value);
          } else {
            component.value = this.join(newTokens.slice(newPos, newPos + component.count));
          }
          newPos += component.count;
          if (!component.added) {
            oldPos += component.count;
          }
        } else {
          component.value = this.join(oldTokens.slice(oldPos, oldPos + component.count));
          oldPos += component.count;
        }
      }
      return components;
    }
  };

  // node_modules/diff/libesm/diff/line.js
  var LineDiff = class extends Diff {
    constructor() {
      super(...arguments);
      this.tokenize = tokenize;
    }
    equals(left, right, options) {
      if (options.ignoreWhitespace) {
        if (!options.newlineIsToken || !left.includes("\n")) {
          left = left.trim();
        }
        if (!options.newlineIsToken || !right.includes("\n")) {
          right = right.trim();
        }
      } else if (options.ignoreNewlineAtEof && !options.newlineIsToken) {
        if (left.endsWith("\n")) {
          left = left.slice(0, -1);
        }
        if (right.endsWith("\n")) {
          right = right.slice(0, -1);
        }
      }
      return super.equals(left, right, options);
    }
  };
  var lineDiff = new LineDiff();
  function diffLines(oldStr, newStr, options) {
    return lineDiff.diff(oldStr, newStr, options);
  }
  function tokenize(value, options) {
    if (options.stripTrailingCr) {
      value = value.replace(/\r\n/g, "\n");
    }
    const retLines = [], linesAndNewlines = value.split(/(\n|\r\n)/);
    if (!linesAndNewlines[linesAndNewlines.length - 1]) {
      linesAndNewlines.pop();
    }
    for (let i = 0; i < linesAndNewlines.length; i++) {
      const line = linesAndNewlines[i];
      if (i % 2 && !options.newlineIsToken) {
        retLines[retLines.length - 1] += line;
      } else {
        retLines.push(line);
      }
    }
    return retLines;
  }

  // node_modules/diff/libesm/patch/create.js
  function needsQuoting(s) {
    for (let i = 0; i < s.length; i++) {
      if (s[i] < " " || s[i] > "~" || s[i] === '"' || s[i] === "\\") {
        return true;
      }
    }
    return false;
  }
  function quoteFileNameIfNeeded(s) {
    if (!needsQuoting(s)) {
      return s;
    }
    let result = '"';
    const bytes = new TextEncoder().encode(s);
    let i = 0;
    while (i < bytes.length) {
      const b = bytes[i];
      if (b === 7) {
        result += "\\a";
      } else if (b === 8) {
        result += "\\b";
      } else if (b === 9) {
        result += "\\t";
      } else if (b === 10) {
        result += "\\n";
      } else if (b === 11) {
        result += "\\v";
      } else if (b === 12) {
        result += "\\f";
      } else if (b === 13) {
        result += "\\r";
      } else if (b === 34) {
        result += '\\"';
      } else if (b === 92) {
        result += "\\\\";
      } else if (b >= 32 && b <= 126) {
        result += String.fromCharCode(b);
      } else {
        result += "\\" + b.toString(8).padStart(3, "0");
      }
      i++;
    }
    result += '"';
    return result;
  }
  var INCLUDE_HEADERS = {
    includeIndex: true,
    includeUnderline: true,
    includeFileHeaders: true
  };
  var FILE_HEADERS_ONLY = {
    includeIndex: false,
    includeUnderline: false,
    includeFileHeaders: true
  };
  function structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
    let optionsObj;
    if (!options) {
      optionsObj = {};
    } else if (typeof options === "function") {
      optionsObj = { callback: options };
    } else {
      optionsObj = options;
    }
    if (typeof optionsObj.context === "undefined") {
      optionsObj.context = 4;
    }
    const context = optionsObj.context;
    if (optionsObj.newlineIsToken) {
      throw new Error("newlineIsToken may not be used with patch-generation functions, only with diffing functions");
    }
    if (!optionsObj.callback) {
      return diffLinesResultToPatch(diffLines(oldStr, newStr, optionsObj));
    } else {
      const { callback } = optionsObj;
      diffLines(oldStr, newStr, Object.assign(Object.assign({}, optionsObj), { callback: (diff) => {
        const patch = diffLinesResultToPatch(diff);
        callback(patch);
      } }));
    }
    function diffLinesResultToPatch(diff) {
      if (!diff) {
        return;
      }
      diff.push({ value: "", lines: [] });
      function contextLines(lines) {
        return lines.map(function(entry) {
          return " " + entry;
        });
      }
      const hunks = [];
      let oldRangeStart = 0, newRangeStart = 0, curRange = [], oldLine = 1, newLine = 1;
      for (let i = 0; i < diff.length; i++) {
        const current = diff[i], lines = current.lines || splitLines(current.value);
        current.lines = lines;
        if (current.added || current.removed) {
          if (!oldRangeStart) {
            const prev = diff[i - 1];
            oldRangeStart = oldLine;
            newRangeStart = newLine;
            if (prev) {
              curRange = context > 0 ? contextLines(prev.lines.slice(-context)) : [];
              oldRangeStart -= curRange.length;
              newRangeStart -= curRange.length;
            }
          }
          for (const line of lines) {
            curRange.push((current.added ? "+" : "-") + line);
          }
          if (current.added) {
            newLine += lines.length;
          } else {
            oldLine += lines.length;
          }
        } else {
          if (oldRangeStart) {
            if (lines.length <= context * 2 && i < diff.length - 2) {
              for (const line of contextLines(lines)) {
                curRange.push(line);
              }
            } else {
              const contextSize = Math.min(lines.length, context);
              for (const line of contextLines(lines.slice(0, contextSize))) {
                curRange.push(line);
              }
              const hunk = {
                oldStart: oldRangeStart,
                oldLines: oldLine - oldRangeStart + contextSize,
                newStart: newRangeStart,
                newLines: newLine - newRangeStart + contextSize,
                lines: curRange
              };
              hunks.push(hunk);
              oldRangeStart = 0;
              newRangeStart = 0;
              curRange = [];
            }
          }
          oldLine += lines.length;
          newLine += lines.length;
        }
      }
      for (const hunk of hunks) {
        for (let i = 0; i < hunk.lines.length; i++) {
          if (hunk.lines[i].endsWith("\n")) {
            hunk.lines[i] = hunk.lines[i].slice(0, -1);
          } else {
            hunk.lines.splice(i + 1, 0, "\\ No newline at end of file");
            i++;
          }
        }
      }
      return {
        oldFileName,
        newFileName,
        oldHeader,
        newHeader,
        hunks
      };
    }
  }
  function formatPatch(patch, headerOptions) {
    var _a, _b, _c, _d, _e, _f;
    if (!headerOptions) {
      headerOptions = INCLUDE_HEADERS;
    }
    if (Array.isArray(patch)) {
      if (patch.length > 1 && !headerOptions.includeFileHeaders && !patch.every((p) => p.isGit)) {
        throw new Error("Cannot omit file headers on a multi-file patch. (The result would be unparseable; how would a tool trying to apply the patch know which changes are to which file?)");
      }
      return patch.map((p) => formatPatch(p, headerOptions)).join("\n");
    }
    const ret = [];
    if (patch.isGit) {
      headerOptions = INCLUDE_HEADERS;
      if (!patch.oldFileName) {
        throw new Error("oldFileName must be specified for Git patches");
      }
      if (!patch.newFileName) {
        throw new Error("newFileName must be specified for Git patches");
      }
      let gitOldName = patch.oldFileName;
      let gitNewName = patch.newFileName;
      if (patch.isCreate && gitOldName === "/dev/null") {
        gitOldName = gitNewName.replace(/^b\//, "a/");
      } else if (patch.isDelete && gitNewName === "/dev/null") {
        gitNewName = gitOldName.replace(/^a\//, "b/");
      }
      ret.push("diff --git " + quoteFileNameIfNeeded(gitOldName) + " " + quoteFileNameIfNeeded(gitNewName));
      if (patch.isDelete) {
        ret.push("deleted file mode " + ((_a = patch.oldMode) !== null && _a !== void 0 ? _a : "100644"));
      }
      if (patch.isCreate) {
        ret.push("new file mode " + ((_b = patch.newMode) !== null && _b !== void 0 ? _b : "100644"));
      }
      if (patch.oldMode && patch.newMode && !patch.isDelete && !patch.isCreate) {
        ret.push("old mode " + patch.oldMode);
        ret.push("new mode " + patch.newMode);
      }
      if (patch.isRename) {
        ret.push("rename from " + quoteFileNameIfNeeded(((_c = patch.oldFileName) !== null && _c !== void 0 ? _c : "").replace(/^a\//, "")));
        ret.push("rename to " + quoteFileNameIfNeeded(((_d = patch.newFileName) !== null && _d !== void 0 ? _d : "").replace(/^b\//, "")));
      }
      if (patch.isCopy) {
        ret.push("copy from " + quoteFileNameIfNeeded(((_e = patch.oldFileName) !== null && _e !== void 0 ? _e : "").replace(/^a\//, "")));
        ret.push("copy to " + quoteFileNameIfNeeded(((_f = patch.newFileName) !== null && _f !== void 0 ? _f : "").replace(/^b\//, "")));
      }
    } else {
      if (headerOptions.includeIndex && patch.oldFileName == patch.newFileName && patch.oldFileName !== void 0) {
        ret.push("Index: " + patch.oldFileName);
      }
      if (headerOptions.includeUnderline) {
        ret.push("===================================================================");
      }
    }
    const hasHunks = patch.hunks.length > 0;
    if (headerOptions.includeFileHeaders && patch.oldFileName !== void 0 && patch.newFileName !== void 0 && (!patch.isGit || hasHunks)) {
      ret.push("--- " + quoteFileNameIfNeeded(patch.oldFileName) + (patch.oldHeader ? "	" + patch.oldHeader : ""));
      ret.push("+++ " + quoteFileNameIfNeeded(patch.newFileName) + (patch.newHeader ? "	" + patch.newHeader : ""));
    }
    for (let i = 0; i < patch.hunks.length; i++) {
      const hunk = patch.hunks[i];
      const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
      const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
      ret.push("@@ -" + oldStart + "," + hunk.oldLines + " +" + newStart + "," + hunk.newLines + " @@");
      for (const line of hunk.lines) {
        ret.push(line);
      }
    }
    return ret.join("\n") + "\n";
  }
  function splitLines(text) {
    const hasTrailingNl = text.endsWith("\n");
    const result = text.split("\n").map((line) => line + "\n");
    if (hasTrailingNl) {
      result.pop();
    } else {
      result.push(result.pop().slice(0, -1));
    }
    return result;
  }

  // src/diff.ts
  function unifiedDiff(file, before, after, context = 3) {
    if (before === after) return "";
    const p = file.replace(/^\/+/, "");
    const patch = formatPatch(trimmedPatch(`a/${p}`, `b/${p}`, before, after, context), FILE_HEADERS_ONLY);
    return patch.startsWith("--- a/") && p.includes(" ") ? patch.replace(/^(--- [^\n]*)\n(\+\+\+ [^\n]*)\n/, "$1	\n$2	\n") : patch;
  }
  function trimmedPatch(oldName, newName, before, after, context) {
    const n = Math.min(before.length, after.length);
    let p = 0;
    while (p < n && before.charCodeAt(p) === after.charCodeAt(p)) p++;
    const lineStartAtOrBefore = (i) => i < 0 ? 0 : before.lastIndexOf("\n", i) + 1;
    let head = lineStartAtOrBefore(p - 1);
    for (let k = 0; k < context && head > 0; k++) head = lineStartAtOrBefore(head - 2);
    let q = 0;
    while (q < n - head && before.charCodeAt(before.length - 1 - q) === after.charCodeAt(after.length - 1 - q)) q++;
    let tail = before.length;
    const at = before.indexOf("\n", before.length - q - 1);
    if (at >= 0 && at + 1 <= before.length) {
      tail = at + 1;
      for (let k = 0; k < context && tail < before.length; k++) {
        const nl = before.indexOf("\n", tail);
        tail = nl < 0 ? before.length : nl + 1;
      }
    }
    const cutEnd = before.length - tail;
    if (tail < head || after.length - cutEnd < head) return structuredPatch(oldName, newName, before, after, void 0, void 0, { context });
    const shift = countLines(before, head);
    const patch = structuredPatch(oldName, newName, before.slice(head, tail), after.slice(head, after.length - cutEnd), void 0, void 0, { context });
    for (const h2 of patch.hunks) {
      h2.oldStart += shift;
      h2.newStart += shift;
    }
    return patch;
  }
  function countLines(text, end) {
    let n = 0;
    for (let i = text.indexOf("\n"); i >= 0 && i < end; i = text.indexOf("\n", i + 1)) n++;
    return n;
  }

  // web/src/analyze.ts
  var MAX_SIZE = 16 * 1024 * 1024;
  var isProblem = (d) => d.severity === "error" || d.severity === "warning";
  function parseCodes(text) {
    const codes = text.split(/[\s,]+/).filter(Boolean);
    const bad = codes.find((c) => c.toUpperCase() !== "ALL" && !rules.some((r) => r.meta.code.startsWith(c.toUpperCase())));
    return { codes, bad };
  }
  function newAfterFixing(r) {
    const seen = new Set(r.diagnostics.map((d) => d.key));
    return r.remaining.filter((d) => !seen.has(d.key));
  }
  function run(src, options) {
    return src.bytes !== void 0 ? fixBytes(src.bytes, options) : fixText(src.text, options);
  }
  function analyze(src, o) {
    if (src.error !== void 0 || src.bytes === void 0 && src.text === void 0) {
      return { path: src.path, kind: "unreadable", diagnostics: [], after: [], remaining: [], changed: false, diff: "", error: src.error ?? "nothing to read" };
    }
    const options = { unsafeFixes: o.unsafeFixes, select: o.select, ignore: o.ignore, folder: src.folder };
    const r = run(src, options);
    return {
      path: src.path,
      kind: r.kind,
      diagnostics: r.diagnostics,
      after: newAfterFixing(r),
      remaining: r.remaining.filter(isProblem),
      changed: r.changed,
      output: r.output,
      diff: unifiedDiff(src.path, r.input, r.output),
      error: r.error
    };
  }
  function batchPatch(reports) {
    return reports.map((r) => r.diff).join("");
  }
  function totals(reports) {
    const t = { files: reports.length, skipped: 0, withProblems: 0, fixed: 0, unsafeFixable: 0, needYou: 0, changed: 0, unreadable: 0 };
    for (const r of reports) {
      if (r.kind === "not-nnunet") t.skipped++;
      if (r.error) t.unreadable++;
      if (r.changed) t.changed++;
      const problems = r.diagnostics.filter(isProblem);
      if (problems.length || r.error) t.withProblems++;
      for (const d of problems) {
        if (d.fix.available) t.fixed++;
        else if (d.fix.unsafeAvailable) t.unsafeFixable++;
        else t.needYou++;
      }
    }
    return t;
  }
  async function collectSource(fs, path, size, cache) {
    if (size > MAX_SIZE) return { path, error: `cannot read: larger than ${MAX_SIZE / 1024 / 1024} MB` };
    const abs = posixPath.resolve("/", path);
    let bytes;
    try {
      bytes = await fs.readFile(abs);
    } catch (e) {
      return { path, error: `cannot read: ${e.message}` };
    }
    const dir = posixPath.dirname(abs);
    const folder = await collectFolderFactsWith(fs, dir, { path: posixPath, env: {}, cache });
    if (folder) folder.displayDir = dir.slice(1);
    return { path, bytes, folder };
  }

  // src/search-scope.ts
  var PRUNED = ["imagesTr", "labelsTr", "imagesTs", "labelsTs", "imagesVal", "labelsVal", "gt_segmentations", "node_modules"];
  function isSkippedFolder(name) {
    return name.startsWith(".") || name.startsWith("nnUNetPlans_") || PRUNED.includes(name);
  }
  var DEFAULT_MAX_DEPTH = 4;

  // web/src/discover.ts
  function findDatasetJsons(paths) {
    const found = paths.filter((p) => {
      const folders = p.split("/").slice(1);
      if (folders.pop() !== "dataset.json" || folders.length > DEFAULT_MAX_DEPTH) return false;
      return !folders.some(isSkippedFolder);
    });
    return [...new Set(found)].sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  }

  // web/src/dom.ts
  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === true) el.setAttribute(k, "");
      else if (typeof v === "string") el.setAttribute(k, v);
    }
    for (const c of children) if (c !== false && c !== null && c !== void 0) el.append(c);
    return el;
  }
  function download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = h("a", { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 6e4);
  }

  // src/images/bytes.ts
  function latin1(bytes) {
    let s = "";
    for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
    return s;
  }
  function hex(bytes) {
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // src/images/errors.ts
  var UnsupportedFormatError = class extends Error {
    name = "UnsupportedFormatError";
  };
  var CorruptImageError = class extends Error {
    name = "CorruptImageError";
  };

  // src/images/datatypes.ts
  var NIFTI_CODES = {
    1: "binary",
    2: "uint8",
    4: "int16",
    8: "int32",
    16: "float32",
    32: "complex64",
    64: "float64",
    128: "rgb24",
    256: "int8",
    512: "uint16",
    768: "uint32",
    1024: "int64",
    1280: "uint64",
    1536: "float128",
    1792: "complex128",
    2048: "complex256",
    2304: "rgba32"
  };
  function niftiDataTypeName(code) {
    return NIFTI_CODES[code] ?? `unknown(${code})`;
  }
  function sampleLayout(name) {
    switch (name) {
      case "rgb24":
        return { sample: "uint8", components: 3 };
      case "rgba32":
        return { sample: "uint8", components: 4 };
      case "rgb48":
        return { sample: "uint16", components: 3 };
      case "rgba64":
        return { sample: "uint16", components: 4 };
      case "uint8":
      case "int8":
      case "int16":
      case "uint16":
      case "int32":
      case "uint32":
      case "int64":
      case "uint64":
      case "float32":
      case "float64":
        return { sample: name, components: 1 };
      default:
        return void 0;
    }
  }
  var NRRD_TYPES = {
    "signed char": "int8",
    int8: "int8",
    int8_t: "int8",
    uchar: "uint8",
    "unsigned char": "uint8",
    uint8: "uint8",
    uint8_t: "uint8",
    short: "int16",
    "short int": "int16",
    "signed short": "int16",
    "signed short int": "int16",
    int16: "int16",
    int16_t: "int16",
    ushort: "uint16",
    "unsigned short": "uint16",
    "unsigned short int": "uint16",
    uint16: "uint16",
    uint16_t: "uint16",
    int: "int32",
    "signed int": "int32",
    int32: "int32",
    int32_t: "int32",
    uint: "uint32",
    "unsigned int": "uint32",
    uint32: "uint32",
    uint32_t: "uint32",
    longlong: "int64",
    "long long": "int64",
    "long long int": "int64",
    "signed long long": "int64",
    "signed long long int": "int64",
    int64: "int64",
    int64_t: "int64",
    ulonglong: "uint64",
    "unsigned long long": "uint64",
    "unsigned long long int": "uint64",
    uint64: "uint64",
    uint64_t: "uint64",
    float: "float32",
    double: "float64"
  };
  function nrrdSampleType(type) {
    return NRRD_TYPES[type.trim().toLowerCase().replace(/\s+/g, " ")];
  }
  var MET_TYPES = {
    MET_CHAR: "int8",
    MET_UCHAR: "uint8",
    MET_SHORT: "int16",
    MET_USHORT: "uint16",
    MET_INT: "int32",
    MET_UINT: "uint32",
    MET_LONG: "int32",
    MET_ULONG: "uint32",
    MET_LONG_LONG: "int64",
    MET_ULONG_LONG: "uint64",
    MET_FLOAT: "float32",
    MET_DOUBLE: "float64"
  };
  function metaSampleType(type) {
    return MET_TYPES[type.trim().toUpperCase()];
  }

  // src/images/meta.ts
  function metaHeaderEnd(bytes) {
    const text = latin1(bytes);
    const m = /(^|\n)\s*ElementDataFile\s*[=:][^\n]*\n/i.exec(text);
    return m ? m.index + m[0].length : void 0;
  }
  var TRUE = /^(true|1|yes)$/i;
  function parseMetaHeader(text) {
    const fields = /* @__PURE__ */ new Map();
    for (const line of text.split(/\r?\n/)) {
      const m = /^\s*([A-Za-z0-9_]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
      if (m) fields.set(m[1].toLowerCase(), m[2]);
    }
    const need = (key) => {
      const v = fields.get(key.toLowerCase());
      if (v === void 0) throw new CorruptImageError(`bad MetaImage header: missing "${key}"`);
      return v;
    };
    const objectType = fields.get("objecttype");
    if (objectType !== void 0 && objectType.toLowerCase() !== "image") {
      throw new UnsupportedFormatError(`MetaImage ObjectType "${objectType}" is not an image`);
    }
    const ndims = Number(need("NDims"));
    const dims = need("DimSize").split(/\s+/).map(Number);
    if (!Number.isInteger(ndims) || ndims < 1 || dims.length !== ndims || dims.some((d) => !Number.isSafeInteger(d) || d < 0)) {
      throw new CorruptImageError(`bad MetaImage header: NDims ${fields.get("ndims")}, DimSize "${fields.get("dimsize")}"`);
    }
    const typeText = need("ElementType");
    const sample = metaSampleType(typeText);
    if (!sample) throw new UnsupportedFormatError(`MetaImage ElementType "${typeText}" is not supported`);
    const spacingText = fields.get("elementspacing") ?? fields.get("elementsize");
    const spacing = spacingText ? spacingText.split(/\s+/).map(Number) : dims.map(() => 1);
    const channels = Number(fields.get("elementnumberofchannels") ?? 1);
    if (!Number.isInteger(channels) || channels < 1) {
      throw new CorruptImageError(`bad MetaImage header: ElementNumberOfChannels ${channels}`);
    }
    const msb = fields.get("binarydatabyteordermsb") ?? fields.get("elementbyteordermsb") ?? "False";
    const dataFile = need("ElementDataFile");
    if (/^LIST\b/i.test(dataFile) || /%/.test(dataFile)) {
      throw new UnsupportedFormatError(`MetaImage multi-file data ("ElementDataFile = ${dataFile}") is not supported`);
    }
    const headerSize = Number(fields.get("headersize") ?? 0);
    if (!Number.isInteger(headerSize) || headerSize < -1) throw new CorruptImageError(`bad MetaImage header: HeaderSize ${headerSize}`);
    const extra = dims.slice(3).reduce((a, b) => a * b, 1);
    const header = {
      format: "mha",
      dims,
      spacing: spacing.slice(0, ndims),
      datatype: sample,
      littleEndian: !TRUE.test(msb),
      channels: channels * extra,
      is4D: ndims >= 4 && dims[3] > 1
    };
    return { header, sample, compressed: TRUE.test(fields.get("compresseddata") ?? "False"), dataFile, headerSize };
  }

  // src/images/nifti.ts
  var NIFTI_HEADER_BYTES = 544;
  var NIFTI1_SIZE = 348;
  var NIFTI2_SIZE = 540;
  function sniffNifti(first4) {
    if (first4.length < 4) return void 0;
    const dv = new DataView(first4.buffer, first4.byteOffset, 4);
    for (const littleEndian of [true, false]) {
      const size = dv.getInt32(0, littleEndian);
      if (size === NIFTI1_SIZE) return { version: 1, littleEndian };
      if (size === NIFTI2_SIZE) return { version: 2, littleEndian };
    }
    return void 0;
  }
  function niftiHeaderSize(first4) {
    const s = sniffNifti(first4);
    if (!s) throw notNifti(first4);
    return s.version === 1 ? NIFTI1_SIZE : NIFTI2_SIZE;
  }
  function notNifti(first4) {
    const hex2 = hex(first4.subarray(0, 4));
    return new CorruptImageError(
      `not a NIfTI file: sizeof_hdr must be 348 or 540, found bytes 0x${hex2}` + (first4[0] === 31 && first4[1] === 139 ? " (gzip data inside a gzip file?)" : "")
    );
  }
  function parseNiftiHeader(bytes) {
    const s = sniffNifti(bytes);
    if (!s) throw notNifti(bytes);
    const need = s.version === 1 ? NIFTI1_SIZE : NIFTI2_SIZE;
    if (bytes.length < need) {
      throw new CorruptImageError(`truncated NIfTI-${s.version} header: ${bytes.length} of ${need} bytes`);
    }
    const dv = new DataView(bytes.buffer, bytes.byteOffset, need);
    return s.version === 1 ? parseV1(dv, bytes, s.littleEndian) : parseV2(dv, bytes, s.littleEndian);
  }
  function magicAt(bytes, offset, length) {
    return latin1(bytes.subarray(offset, offset + length));
  }
  function parseV1(dv, bytes, le) {
    const magic = magicAt(bytes, 344, 4);
    if (magic !== "n+1\0" && magic !== "ni1\0") {
      throw new CorruptImageError(`not a NIfTI-1 file: magic is ${JSON.stringify(magic)}, expected "n+1"`);
    }
    if (magic === "ni1\0") {
      throw new CorruptImageError('NIfTI-1 header says the data is in a separate .img file (magic "ni1")');
    }
    const dim = Array.from({ length: 8 }, (_, i) => dv.getInt16(40 + 2 * i, le));
    const pixdim = Array.from({ length: 8 }, (_, i) => dv.getFloat32(76 + 4 * i, le));
    return buildHeader({
      format: "nifti1",
      littleEndian: le,
      dim,
      pixdim,
      code: dv.getInt16(70, le),
      voxOffset: dv.getFloat32(108, le),
      minOffset: 352,
      sclSlope: dv.getFloat32(112, le),
      sclInter: dv.getFloat32(116, le)
    });
  }
  function parseV2(dv, bytes, le) {
    const magic = magicAt(bytes, 4, 8);
    if (!magic.startsWith("n+2\0")) {
      throw new CorruptImageError(
        magic.startsWith("ni2\0") ? 'NIfTI-2 header says the data is in a separate .img file (magic "ni2")' : `not a NIfTI-2 file: magic is ${JSON.stringify(magic.slice(0, 4))}, expected "n+2"`
      );
    }
    const dim = Array.from({ length: 8 }, (_, i) => Number(dv.getBigInt64(16 + 8 * i, le)));
    const pixdim = Array.from({ length: 8 }, (_, i) => dv.getFloat64(104 + 8 * i, le));
    return buildHeader({
      format: "nifti2",
      littleEndian: le,
      dim,
      pixdim,
      code: dv.getInt16(12, le),
      voxOffset: Number(dv.getBigInt64(168, le)),
      minOffset: 544,
      sclSlope: dv.getFloat64(176, le),
      sclInter: dv.getFloat64(184, le)
    });
  }
  function buildHeader(f) {
    const ndim = f.dim[0];
    if (ndim < 1 || ndim > 7) throw new CorruptImageError(`bad NIfTI header: dim[0] = ${ndim}, must be 1..7`);
    const dims = f.dim.slice(1, ndim + 1);
    const bad = dims.findIndex((d) => d < 0 || !Number.isSafeInteger(d));
    if (bad >= 0) throw new CorruptImageError(`bad NIfTI header: dim[${bad + 1}] = ${dims[bad]}`);
    if (!Number.isInteger(f.voxOffset) || f.voxOffset < 0) {
      throw new CorruptImageError(`bad NIfTI header: vox_offset = ${f.voxOffset}`);
    }
    const datatype = niftiDataTypeName(f.code);
    const components = sampleLayout(datatype)?.components ?? 1;
    const extra = dims.slice(3).reduce((a, b) => a * b, 1);
    return {
      format: f.format,
      dims,
      spacing: f.pixdim.slice(1, ndim + 1),
      datatype,
      littleEndian: f.littleEndian,
      sclSlope: f.sclSlope,
      sclInter: f.sclInter,
      // A single-file NIfTI cannot have its data inside the header; nibabel and ITK
      // read from the end of the header instead (vox_offset 0 is a common writer bug).
      voxOffset: Math.max(f.voxOffset, f.minOffset),
      channels: components * extra,
      is4D: ndim >= 4 && (dims[3] ?? 1) > 1
    };
  }

  // src/images/nrrd.ts
  var DOMAIN_KINDS = /* @__PURE__ */ new Set(["domain", "space", "time", "???", "none"]);
  function nrrdHeaderEnd(bytes) {
    for (let i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] !== 10) continue;
      if (bytes[i + 1] === 10) return i + 2;
      if (bytes[i + 1] === 13 && bytes[i + 2] === 10) return i + 3;
    }
    return void 0;
  }
  function parseNrrdHeader(text) {
    const lines = text.split(/\r?\n/);
    if (!/^NRRD000[1-9]$/.test(lines[0]?.trim() ?? "")) {
      throw new CorruptImageError(`not an NRRD file: first line is ${JSON.stringify((lines[0] ?? "").slice(0, 20))}`);
    }
    const fields = /* @__PURE__ */ new Map();
    for (const line of lines.slice(1)) {
      if (line === "") break;
      if (line.startsWith("#")) continue;
      const m = /^([^:]+?):\s?(.*)$/.exec(line);
      if (!m || m[2].startsWith("=")) continue;
      fields.set(m[1].trim().toLowerCase(), m[2].trim());
    }
    const need = (key) => {
      const v = fields.get(key);
      if (v === void 0) throw new CorruptImageError(`bad NRRD header: missing "${key}:" field`);
      return v;
    };
    const typeText = need("type");
    const sample = nrrdSampleType(typeText);
    if (!sample) throw new UnsupportedFormatError(`NRRD type "${typeText}" is not supported`);
    const dimension = Number(need("dimension"));
    const sizes = need("sizes").split(/\s+/).map(Number);
    if (!Number.isInteger(dimension) || dimension < 1 || sizes.length !== dimension) {
      throw new CorruptImageError(`bad NRRD header: dimension ${dimension} but sizes "${fields.get("sizes")}"`);
    }
    if (sizes.some((s) => !Number.isSafeInteger(s) || s < 0)) {
      throw new CorruptImageError(`bad NRRD header: sizes "${fields.get("sizes")}"`);
    }
    const encodingText = need("encoding").toLowerCase();
    let encoding;
    if (encodingText === "raw") encoding = "raw";
    else if (encodingText === "gzip" || encodingText === "gz") encoding = "gzip";
    else throw new UnsupportedFormatError(`NRRD encoding "${encodingText}" is not supported (only raw and gzip)`);
    const endian = (fields.get("endian") ?? "little").toLowerCase();
    if (endian !== "little" && endian !== "big") throw new CorruptImageError(`bad NRRD header: endian "${endian}"`);
    const kinds = fields.get("kinds")?.split(/\s+/).map((k) => k.toLowerCase());
    const isComponent = sizes.map((_, i) => kinds !== void 0 && kinds[i] !== void 0 && !DOMAIN_KINDS.has(kinds[i]));
    const spacingAll = nrrdSpacing(fields, dimension);
    const dims = sizes.filter((_, i) => !isComponent[i]);
    const spacing = spacingAll.filter((_, i) => !isComponent[i]);
    const components = sizes.filter((_, i) => isComponent[i]).reduce((a, b) => a * b, 1);
    const extra = dims.slice(3).reduce((a, b) => a * b, 1);
    const dataFile = fields.get("data file") ?? fields.get("datafile");
    if (dataFile !== void 0 && (/^LIST\b/.test(dataFile) || /%/.test(dataFile))) {
      throw new UnsupportedFormatError(`NRRD multi-file data ("data file: ${dataFile}") is not supported`);
    }
    const lineSkip = Number(fields.get("line skip") ?? fields.get("lineskip") ?? 0);
    const byteSkip = Number(fields.get("byte skip") ?? fields.get("byteskip") ?? 0);
    if (!Number.isInteger(lineSkip) || lineSkip < 0) throw new CorruptImageError(`bad NRRD header: line skip ${lineSkip}`);
    if (!Number.isInteger(byteSkip) || byteSkip < -1) throw new CorruptImageError(`bad NRRD header: byte skip ${byteSkip}`);
    if (byteSkip === -1 && encoding !== "raw") {
      throw new CorruptImageError('bad NRRD header: "byte skip: -1" is only allowed with raw encoding');
    }
    const header = {
      format: "nrrd",
      dims,
      spacing,
      datatype: sample,
      littleEndian: endian === "little",
      channels: components * extra,
      is4D: dims.length >= 4 && dims[3] > 1
    };
    return { header, sample, encoding, dataFile, lineSkip, byteSkip };
  }
  function nrrdSpacing(fields, dimension) {
    const spacings = fields.get("spacings");
    if (spacings !== void 0) {
      return spacings.split(/\s+/).map((s) => s.toLowerCase() === "nan" ? 1 : Number(s));
    }
    const directions = fields.get("space directions");
    if (directions !== void 0) {
      const vectors = directions.match(/\([^)]*\)|none/gi) ?? [];
      if (vectors.length === dimension) {
        return vectors.map((v) => {
          if (v.toLowerCase() === "none") return 1;
          const c = v.slice(1, -1).split(",").map(Number);
          return Math.sqrt(c.reduce((a, x) => a + x * x, 0));
        });
      }
    }
    return Array.from({ length: dimension }, () => 1);
  }

  // src/images/png.ts
  var PNG_SIGNATURE = Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10);
  var PNG_BIT_DEPTHS = {
    0: [1, 2, 4, 8, 16],
    // grey
    2: [8, 16],
    // RGB
    3: [1, 2, 4, 8],
    // palette
    4: [8, 16],
    // grey + alpha
    6: [8, 16]
    // RGBA
  };
  var PNG_SAMPLES_PER_PIXEL = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
  function parseIhdr(data) {
    if (data.length !== 13) throw new CorruptImageError(`bad PNG: IHDR chunk of ${data.length} bytes, expected 13`);
    const dv = new DataView(data.buffer, data.byteOffset, data.length);
    const width = dv.getUint32(0);
    const height = dv.getUint32(4);
    const bitDepth = data[8];
    const colorType = data[9];
    if (width === 0 || height === 0 || width > 2147483647 || height > 2147483647) {
      throw new CorruptImageError(`bad PNG: image size ${width}x${height}`);
    }
    if (!PNG_BIT_DEPTHS[colorType]?.includes(bitDepth)) {
      throw new CorruptImageError(`bad PNG: colour type ${colorType} with bit depth ${bitDepth}`);
    }
    if (data[10] !== 0) throw new CorruptImageError(`bad PNG: compression method ${data[10]}`);
    if (data[11] !== 0) throw new CorruptImageError(`bad PNG: filter method ${data[11]}`);
    if (data[12] > 1) throw new CorruptImageError(`bad PNG: interlace method ${data[12]}`);
    const samplesPerPixel = PNG_SAMPLES_PER_PIXEL[colorType];
    return { width, height, bitDepth, colorType, interlaced: data[12] === 1, samplesPerPixel, bitsPerPixel: samplesPerPixel * bitDepth };
  }
  var PNG_HEADER_BYTES = 33;
  var COLOR_TYPES = {
    0: { name: "grey", channels: 1 },
    2: { name: "RGB", channels: 3 },
    3: { name: "palette", channels: 3 },
    4: { name: "grey+alpha", channels: 2 },
    6: { name: "RGBA", channels: 4 }
  };
  function pngDataType(colorType, depth, channels) {
    if (channels <= 2) return depth === 16 ? "uint16" : "uint8";
    if (colorType === 3) return channels === 4 ? "rgba32" : "rgb24";
    if (depth === 16) return channels === 4 ? "rgba64" : "rgb48";
    return channels === 4 ? "rgba32" : "rgb24";
  }
  function parsePngHeader(bytes) {
    if (!PNG_SIGNATURE.every((b, i) => i >= bytes.length || bytes[i] === b)) throw new CorruptImageError("not a PNG file: bad signature");
    if (bytes.length < PNG_HEADER_BYTES) throw new CorruptImageError("truncated PNG: no complete IHDR chunk");
    if (latin1(bytes.subarray(12, 16)) !== "IHDR") {
      throw new CorruptImageError("bad PNG: the first chunk is not IHDR");
    }
    const info = parseIhdr(bytes.subarray(16, 29));
    const ct = COLOR_TYPES[info.colorType];
    return {
      format: "png",
      dims: [info.width, info.height],
      spacing: [1, 1],
      datatype: pngDataType(info.colorType, info.bitDepth, ct.channels),
      littleEndian: false,
      channels: ct.channels,
      is4D: false
    };
  }

  // web/src/header.ts
  var FIRST_READ = 4096;
  var MAX_TEXT_HEADER = 1 << 20;
  var MAX_GZIP_PREFIX = 1 << 24;
  async function readSlice(blob, start, end) {
    return new Uint8Array(await blob.slice(start, end).arrayBuffer());
  }
  async function gunzipPrefix(blob, need) {
    const reader = blob.slice(0, MAX_GZIP_PREFIX).stream().pipeThrough(new DecompressionStream("gzip")).getReader();
    const chunks = [];
    let got = 0;
    try {
      while (got < need) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        got += value.length;
      }
    } catch (e) {
      if (!got) throw new CorruptImageError(`corrupt gzip data: ${e.message}`);
    } finally {
      reader.cancel().catch(() => void 0);
    }
    const out = new Uint8Array(got);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
  async function niftiHeader(blob) {
    const head = await readSlice(blob, 0, FIRST_READ);
    const bytes = head.length >= 2 && head[0] === 31 && head[1] === 139 ? await gunzipPrefix(blob, NIFTI_HEADER_BYTES) : head;
    if (bytes.length < 4) throw new CorruptImageError(`truncated NIfTI header: ${bytes.length} bytes`);
    const need = niftiHeaderSize(bytes);
    if (bytes.length < need) throw new CorruptImageError(`truncated NIfTI header: ${bytes.length} of ${need} bytes`);
    return parseNiftiHeader(bytes);
  }
  async function textHeader(blob, findEnd, what) {
    for (let size = FIRST_READ; ; size *= 16) {
      const raw = await readSlice(blob, 0, size);
      const end = findEnd(raw);
      if (end !== void 0) return { text: latin1(raw.subarray(0, end)), end, atEof: false };
      if (raw.length < size) return { text: latin1(raw), end: raw.length, atEof: true };
      if (size >= MAX_TEXT_HEADER) throw new CorruptImageError(`${what} header not terminated within ${MAX_TEXT_HEADER} bytes`);
    }
  }
  async function nrrdHeader(blob) {
    const { text, end, atEof } = await textHeader(blob, nrrdHeaderEnd, "NRRD");
    const layout = parseNrrdHeader(text);
    const detached = layout.dataFile !== void 0;
    if (!detached && atEof) throw new CorruptImageError("NRRD file has no data: the header has no blank line after it");
    return detached ? layout.header : { ...layout.header, voxOffset: end };
  }
  async function metaHeader(blob) {
    const { text, end } = await textHeader(blob, metaHeaderEnd, "MetaImage");
    const layout = parseMetaHeader(text);
    return layout.dataFile.toUpperCase() === "LOCAL" ? { ...layout.header, voxOffset: end } : layout.header;
  }
  async function readBlobHeader(name, blob) {
    const lower = name.toLowerCase();
    if (lower.endsWith(".nii.gz") || lower.endsWith(".nii")) return niftiHeader(blob);
    if (lower.endsWith(".nrrd")) return nrrdHeader(blob);
    if (lower.endsWith(".mha")) return metaHeader(blob);
    if (lower.endsWith(".png")) return parsePngHeader(await readSlice(blob, 0, PNG_HEADER_BYTES));
    throw new UnsupportedFormatError(`cannot read the header of ${JSON.stringify(name)} in the browser (supported: .nii.gz, .nii, .nrrd, .mha, .png)`);
  }

  // web/src/picked-fs.ts
  function fsError(code, what, p) {
    return Object.assign(new Error(`${code}: ${what}, '${p}'`), { code });
  }
  function dirent(name, isDir) {
    return { name, isFile: () => !isDir, isDirectory: () => isDir, isSymbolicLink: () => false };
  }
  function buildTree(files) {
    const root = { dirs: /* @__PURE__ */ new Map(), files: /* @__PURE__ */ new Map() };
    for (const f of files) {
      const parts = f.path.split("/").filter(Boolean);
      const name = parts.pop();
      if (!name) continue;
      let d = root;
      for (const p of parts) {
        let next = d.dirs.get(p);
        if (!next) d.dirs.set(p, next = { dirs: /* @__PURE__ */ new Map(), files: /* @__PURE__ */ new Map() });
        d = next;
      }
      d.files.set(name, f.blob);
    }
    return root;
  }
  function lookup(root, p) {
    let node = root;
    for (const part of p.split("/").filter(Boolean)) {
      if (node instanceof Blob) return void 0;
      const next = node.dirs.get(part) ?? node.files.get(part);
      if (!next) return void 0;
      node = next;
    }
    return node;
  }
  function pickedFs(files) {
    const root = buildTree(files);
    const dirAt = (p) => {
      const n = lookup(root, p);
      if (!n) throw fsError("ENOENT", "no such file or directory, scandir", p);
      if (n instanceof Blob) throw fsError("ENOTDIR", "not a directory, scandir", p);
      return n;
    };
    const fileAt = (p) => {
      const n = lookup(root, p);
      if (!n) throw fsError("ENOENT", "no such file or directory, open", p);
      if (!(n instanceof Blob)) throw fsError("EISDIR", "illegal operation on a directory, read", p);
      return n;
    };
    return {
      // eslint-disable-next-line @typescript-eslint/require-await -- async: a missing folder rejects, as fs.promises does
      readdir: async (dir) => {
        const d = dirAt(dir);
        return [...[...d.dirs.keys()].map((n) => dirent(n, true)), ...[...d.files.keys()].map((n) => dirent(n, false))];
      },
      readHeader: async (file) => readBlobHeader(file, fileAt(file)),
      readFile: async (file) => new Uint8Array(await fileAt(file).arrayBuffer()),
      // eslint-disable-next-line @typescript-eslint/require-await -- async: a missing path rejects, as fs.promises does
      lstat: async (p) => {
        const n = lookup(root, p);
        if (!n) throw fsError("ENOENT", "no such file or directory, lstat", p);
        return dirent(p, !(n instanceof Blob));
      }
    };
  }

  // web/src/render.ts
  var KIND = {
    "nnunet-v2": "nnU-Net v2",
    "v1-msd": "nnU-Net v1 / Decathlon",
    "not-nnunet": "not nnU-Net: skipped",
    invalid: "not readable as JSON",
    unreadable: "unreadable"
  };
  function tagOf(d) {
    if (d.fix.available) return { text: "fixed in the download", cls: "tag-fixed" };
    if (d.fix.unsafeAvailable) return { text: "unsafe fix: tick “Unsafe fixes too”", cls: "tag-unsafe" };
    return void 0;
  }
  function diffView(diff, label) {
    const pre = h("pre", { class: "diff", tabindex: "0", "aria-label": label });
    const lines = diff.split("\n");
    lines.forEach((line, i) => {
      const cls = line.startsWith("+++") || line.startsWith("---") ? "d-head" : line.startsWith("@@") ? "d-hunk" : line.startsWith("+") ? "d-add" : line.startsWith("-") ? "d-del" : line.startsWith("\\") ? "d-note" : "d-ctx";
      const span = h("span", { class: cls });
      if (line.endsWith("\r")) span.append(line.slice(0, -1), h("span", { class: "cr", title: "carriage return (CRLF line end)" }, "\r"));
      else span.append(line);
      pre.append(span);
      if (i < lines.length - 1) pre.append("\n");
    });
    return pre;
  }
  function explainOf(code) {
    const rule37 = ruleByCode(code);
    if (!rule37) return void 0;
    return h("details", { class: "explain" }, h("summary", {}, `What is ${code} (${rule37.meta.name})?`), h("pre", { class: "explain-text" }, explainRule(rule37)));
  }
  function diagnosticItem(d, after) {
    const tag = after ? { text: "left after the fixes", cls: "tag-after" } : tagOf(d);
    return h(
      "li",
      {
        class: `diag sev-${d.severity}`,
        "data-code": d.code,
        "data-line": String(d.line),
        "data-column": String(d.column),
        "data-available": String(d.fix.available),
        "data-unsafe-available": String(!!d.fix.unsafeAvailable),
        "data-after": String(after)
      },
      h("span", { class: "loc", title: "line:column" }, `${d.line}:${d.column}`),
      " ",
      h("span", { class: "code" }, d.code),
      " ",
      h("span", { class: "sev" }, d.severity),
      " ",
      h("span", { class: "msg" }, d.message),
      tag && " ",
      tag && h("span", { class: `tag ${tag.cls}` }, tag.text),
      d.nnunet && h("p", { class: "more" }, h("span", { class: "more-label" }, "nnU-Net: "), h("span", { class: "nnunet" }, d.nnunet)),
      d.help && h("p", { class: "more" }, h("span", { class: "more-label" }, "help: "), h("span", { class: "help" }, d.help)),
      explainOf(d.code)
    );
  }
  function fileState(r) {
    if (r.error && r.kind === "unreadable") return r.error;
    const problems = r.diagnostics.filter((d) => d.severity === "error" || d.severity === "warning").length;
    if (r.kind === "not-nnunet") return "skipped, not changed";
    if (!problems && !r.changed) return "no problems";
    const parts = [plural(problems, "problem")];
    if (r.changed) parts.push("fixes in the download");
    parts.push(r.remaining.length ? `${r.remaining.length} left for you` : "none left");
    return parts.join(" · ");
  }
  function fileCard(r, id, onDownload) {
    const button = r.changed && !r.error ? h("button", { type: "button", class: "download" }, "Download fixed dataset.json") : void 0;
    button?.addEventListener("click", () => onDownload(r));
    return h(
      "article",
      { class: "file", id, "data-path": r.path, "data-kind": r.kind, "data-changed": String(r.changed), "data-error": r.error },
      h(
        "header",
        {},
        h("h3", {}, h("code", {}, r.path)),
        h("span", { class: `kind kind-${r.kind}` }, KIND[r.kind]),
        h("span", { class: "state" }, fileState(r)),
        button
      ),
      r.error && r.kind !== "unreadable" ? h("p", { class: "error", role: "alert" }, `Not fixed: ${r.error}`) : void 0,
      r.diagnostics.length + r.after.length ? h("ol", { class: "diags" }, ...r.diagnostics.map((d) => diagnosticItem(d, false)), ...r.after.map((d) => diagnosticItem(d, true))) : void 0,
      r.diff ? diffView(r.diff, `Changes to ${r.path} (unified diff)`) : void 0
    );
  }
  function summaryText(t, o) {
    const parts = [plural(t.files, "file")];
    if (t.skipped) parts.push(`${t.skipped} skipped (not nnU-Net)`);
    parts.push(`${t.withProblems} with problems`, `${plural(t.fixed, "problem")} fixed in the downloads`);
    if (t.unsafeFixable || !o.unsafeFixes) parts.push(`${t.unsafeFixable} more with unsafe fixes`);
    parts.push(`${t.needYou} need you`);
    if (t.unreadable) parts.push(`${plural(t.unreadable, "file")} not readable`);
    return parts.join(" · ");
  }
  function overview(reports, ids) {
    const rows = reports.map(
      (r, i) => h(
        "tr",
        { "data-path": r.path },
        h("th", { scope: "row" }, h("a", { href: `#${ids[i]}` }, r.path)),
        h("td", {}, [...new Set([...r.diagnostics, ...r.after].map((d) => d.code))].join(" ") || "–"),
        h("td", {}, fileState(r))
      )
    );
    return h(
      "div",
      { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "All dataset.json files" },
      h(
        "table",
        { class: "overview" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "dataset.json"), h("th", { scope: "col" }, "codes"), h("th", { scope: "col" }, "state"))),
        h("tbody", {}, ...rows)
      )
    );
  }

  // web/src/main.ts
  var byId = (id) => document.getElementById(id);
  var paste = byId("paste");
  var status = byId("status");
  var results = byId("results-body");
  var loaded;
  var generation = 0;
  var shown = 0;
  function setStatus(state, text) {
    status.dataset.state = state;
    status.textContent = text;
    if (state !== "working") status.dataset.shown = String(++shown);
  }
  function readOptions() {
    const select = parseCodes(byId("select").value);
    const ignore = parseCodes(byId("ignore").value);
    if (select.bad) return `Select: "${select.bad}" matches no rule code (see the rule list below)`;
    if (ignore.bad) return `Ignore: "${ignore.bad}" matches no rule code (see the rule list below)`;
    return { unsafeFixes: byId("unsafe").checked, select: select.codes, ignore: ignore.codes };
  }
  function render() {
    if (!loaded) return;
    const o = readOptions();
    if (typeof o === "string") {
      results.replaceChildren();
      setStatus("error", o);
      return;
    }
    const reports = loaded.sources.map((s) => analyze(s, o));
    const ids = reports.map((_, i) => `file-${i + 1}`);
    const t = totals(reports);
    const patch = batchPatch(reports);
    const body = [h("p", { id: "summary" }, summaryText(t, o))];
    if (!reports.length) {
      body.push(
        h(
          "p",
          { class: "hint" },
          `No dataset.json found in this folder or up to ${DEFAULT_MAX_DEPTH} folder levels below it (image folders such as imagesTr, nnUNetPlans_*, node_modules and hidden folders are not searched).`
        )
      );
    }
    if (patch) {
      const button = h("button", { type: "button", id: "download-patch" }, "Download patch (git apply)");
      button.addEventListener("click", () => download("nnunet-doctor.patch", patch, "text/x-diff"));
      body.push(
        h(
          "div",
          { class: "patch" },
          button,
          h(
            "p",
            { class: "hint" },
            "Nothing was written. Download the fixed files one by one, or the patch of all of them and run ",
            h("code", {}, "git apply nnunet-doctor.patch"),
            ...loaded.root ? [" in the folder that holds ", h("code", {}, `${loaded.root}/`)] : [" in the folder the paths in it start from"],
            " (the patch is what ",
            h("code", {}, "nnunet-doctor --diff"),
            " prints)."
          )
        )
      );
    }
    if (loaded.batch && reports.length) body.push(overview(reports, ids));
    const downloadFixed = (r) => download("dataset.json", r.output, "application/json");
    body.push(...reports.map((r, i) => fileCard(r, ids[i], downloadFixed)));
    results.replaceChildren(...body);
    setStatus("done", `Checked ${reports.length} dataset.json ${reports.length === 1 ? "file" : "files"}.`);
  }
  async function load(what, produce) {
    const gen = ++generation;
    setStatus("working", `Reading ${what}…`);
    try {
      const next = await produce();
      if (gen !== generation) return;
      loaded = next;
      render();
    } catch (e) {
      if (gen !== generation) return;
      setStatus("error", `Could not read ${what}: ${e.message}`);
    }
  }
  function checkPasted() {
    void load("the pasted text", () => Promise.resolve({ sources: [{ path: "dataset.json", text: paste.value }], batch: false }));
  }
  function looseSources(files) {
    return Promise.all(
      files.map(
        async (f) => f.size > MAX_SIZE ? { path: f.name, error: `cannot read: larger than ${MAX_SIZE / 1024 / 1024} MB` } : { path: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }
      )
    );
  }
  async function folderSources(files) {
    const fs = pickedFs(files);
    const size = new Map(files.map((f) => [f.path, f.blob.size]));
    const cache = /* @__PURE__ */ new Map();
    const out = [];
    for (const p of findDatasetJsons(files.map((f) => f.path))) out.push(await collectSource(fs, p, size.get(p), cache));
    return out;
  }
  function rootOf(files) {
    const roots = [...new Set(files.map((f) => f.path.split("/")[0]))];
    return roots.length === 1 ? roots[0] : void 0;
  }
  function onPick(input, batch) {
    const files = Array.from(input.files ?? [], (f) => ({ path: f.webkitRelativePath || f.name, blob: f }));
    input.value = "";
    if (!files.length) return;
    void load(batch ? "the folder" : "the dataset folder", async () => ({ sources: await folderSources(files), batch, root: rootOf(files) }));
  }
  function fileOf(entry) {
    return new Promise((ok, fail) => entry.file(ok, fail));
  }
  async function entryFiles(entry) {
    if (entry.isFile) return [{ path: entry.fullPath.replace(/^\/+/, ""), blob: await fileOf(entry) }];
    const reader = entry.createReader();
    const out = [];
    for (; ; ) {
      const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
      if (!batch.length) return out;
      for (const e of batch) out.push(...await entryFiles(e));
    }
  }
  function onDrop(ev) {
    const dt = ev.dataTransfer;
    if (!dt?.types.includes("Files")) return;
    ev.preventDefault();
    document.body.classList.remove("dragging");
    const items = Array.from(dt.items).filter((i) => i.kind === "file");
    const files = Array.from(dt.files);
    const dropped = items.map((item, i) => ({ entry: "webkitGetAsEntry" in item ? item.webkitGetAsEntry() ?? void 0 : void 0, file: files[i] }));
    const loose = dropped.filter((d) => !d.entry?.isDirectory && d.file).map((d) => d.file);
    const dirs = dropped.flatMap((d) => d.entry?.isDirectory ? [d.entry] : []);
    void load("the dropped files", async () => {
      let picked;
      try {
        picked = (await Promise.all(dirs.map(entryFiles))).flat();
      } catch (e) {
        throw new Error(
          location.protocol === "file:" ? 'this browser does not let a page opened from a file read a dropped folder: use "Pick a whole nnUNet_raw…" instead' : e.message,
          { cause: e }
        );
      }
      const sources = [...await looseSources(loose), ...await folderSources(picked)];
      return { sources, batch: sources.length > 1, root: loose.length ? void 0 : rootOf(picked) };
    });
  }
  function rulesReference() {
    return h(
      "ul",
      { class: "rule-list" },
      ...rules.map(
        (r) => h(
          "li",
          {},
          h(
            "details",
            {},
            h("summary", {}, h("span", { class: "code" }, r.meta.code), ` ${r.meta.name}: ${r.meta.summary}`),
            h("pre", { class: "explain-text" }, explainRule(r))
          )
        )
      )
    );
  }
  byId("check").addEventListener("click", checkPasted);
  paste.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      checkPasted();
    }
  });
  paste.addEventListener("input", (e) => {
    if (e.inputType === "insertFromPaste") checkPasted();
  });
  byId("open-file").addEventListener("change", (e) => {
    const input = e.target;
    const files = Array.from(input.files ?? []);
    input.value = "";
    if (files.length) void load(files.length === 1 ? files[0].name : "the files", async () => ({ sources: await looseSources(files), batch: files.length > 1 }));
  });
  for (const [button, input, batch] of [
    ["pick-dataset-button", "pick-dataset", false],
    ["pick-raw-button", "pick-raw", true]
  ]) {
    const el = byId(input);
    byId(button).addEventListener("click", () => el.click());
    el.addEventListener("change", () => onPick(el, batch));
  }
  byId("open-file-button").addEventListener("click", () => byId("open-file").click());
  for (const id of ["unsafe", "select", "ignore"]) byId(id).addEventListener("change", render);
  document.addEventListener("dragover", (e) => {
    if (!e.dataTransfer?.types.includes("Files")) return;
    e.preventDefault();
    document.body.classList.add("dragging");
  });
  document.addEventListener("dragleave", (e) => {
    if (!e.relatedTarget) document.body.classList.remove("dragging");
  });
  document.addEventListener("drop", onDrop);
  byId("rules").append(rulesReference());
  byId("version").textContent = "0.1.0";
  status.dataset.state = "ready";
  status.dataset.shown = "0";
  status.textContent = "Ready: paste, drop or pick a dataset.";
})();
