// What the real platforms accept, checked on every message the fakes receive: Slack's published Block Kit
// limits (api.slack.com/reference/block-kit/blocks, …/composition-objects, …/block-elements) and Feishu's card
// JSON 2.0 rules (open.feishu.cn 卡片 JSON 2.0 结构, 组件, 表格, 图片: schema "2.0", the components each container
// takes, the table's limits, img_key from an upload, 30 KB). Each platform's markdown dialect is checked too:
// no Markdown **bold** or Feishu <at> in Slack mrkdwn; no Slack *bold*, <@U…>, &lt; escapes or entities inside
// code spans in a Feishu card. A violation is a sentence naming the path, so the failing test says where.

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const len = (v: unknown) => (typeof v === 'string' ? [...v].length : 0);

// ── Slack ─────────────────────────────────────────────────────────────────────────────────────────────

export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  imageUrl: 3000,
  altText: 2000,
  imageTitle: 2000,
  messageText: 40_000,
} as const;

const SLACK_BLOCKS = new Set(['section', 'header', 'context', 'actions', 'divider', 'image', 'rich_text', 'table', 'markdown']);

/** Markdown syntax that is not Slack's: **bold** (shows its stars), Feishu's <at> tags. */
function mrkdwnDialect(text: string, path: string, out: string[]) {
  const outsideCode = text.replace(/```[\s\S]*?```|`[^`\n]*`/g, '');
  if (/\*\*[^*\s][^*]*\*\*/.test(outsideCode)) out.push(`${path}: Markdown **bold** in Slack mrkdwn (Slack bold is *…*)`);
  if (/<at\b/.test(text)) out.push(`${path}: a Feishu <at> tag in Slack mrkdwn`);
}

function slackText(obj: unknown, path: string, max: number, out: string[], plainOnly = false) {
  if (!isObject(obj)) return void out.push(`${path}: not a text object`);
  if (obj.type !== 'plain_text' && obj.type !== 'mrkdwn') out.push(`${path}.type: "${String(obj.type)}" is not plain_text or mrkdwn`);
  if (plainOnly && obj.type !== 'plain_text') out.push(`${path}: must be plain_text`);
  if (typeof obj.text !== 'string' || obj.text.length === 0) out.push(`${path}.text: empty`);
  else if (len(obj.text) > max) out.push(`${path}.text: ${len(obj.text)} characters, over ${max}`);
  if (obj.type === 'mrkdwn' && typeof obj.text === 'string') mrkdwnDialect(obj.text, path, out);
}

function slackElement(el: unknown, path: string, out: string[]) {
  if (!isObject(el)) return void out.push(`${path}: not an object`);
  if (el.type === 'button') {
    slackText(el.text, `${path}.text`, SLACK_LIMITS.buttonText, out, true);
    if (typeof el.action_id !== 'string' || len(el.action_id) > SLACK_LIMITS.actionId) out.push(`${path}.action_id: missing or over 255`);
    if (el.value !== undefined && len(el.value) > SLACK_LIMITS.buttonValue) out.push(`${path}.value: over 2000 characters`);
    if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') out.push(`${path}.style: "${String(el.style)}"`);
  } else out.push(`${path}.type: "${String(el.type)}" is not an element Growthbeat sends`);
}

/** Violations of a chat.postMessage / chat.update / response_url body (`text` and `blocks`). */
export function blockKitViolations(message: Json, where = 'message'): string[] {
  const out: string[] = [];
  if (typeof message.text === 'string' && len(message.text) > SLACK_LIMITS.messageText) out.push(`${where}.text: over 40000 characters`);
  const blocks = message.blocks;
  if (blocks === undefined) {
    if (typeof message.text !== 'string' || !message.text) out.push(`${where}: neither text nor blocks`);
    return out;
  }
  if (!Array.isArray(blocks)) return [`${where}.blocks: not an array`];
  if (blocks.length > SLACK_LIMITS.blocks) out.push(`${where}.blocks: ${blocks.length} blocks, over ${SLACK_LIMITS.blocks}`);
  blocks.forEach((b, i) => {
    const path = `${where}.blocks[${i}]`;
    if (!isObject(b)) {
      out.push(`${path}: not an object`);
      return;
    }
    if (!SLACK_BLOCKS.has(String(b.type))) out.push(`${path}.type: "${String(b.type)}" is not a Block Kit block`);
    if (b.block_id !== undefined && len(b.block_id) > SLACK_LIMITS.blockId) out.push(`${path}.block_id: over 255`);
    switch (b.type) {
      case 'section': {
        const fields = b.fields as unknown[] | undefined;
        if (b.text === undefined && !fields?.length) out.push(`${path}: a section needs text or fields`);
        if (b.text !== undefined) slackText(b.text, `${path}.text`, SLACK_LIMITS.sectionText, out);
        if (fields) {
          if (fields.length > SLACK_LIMITS.fields) out.push(`${path}.fields: ${fields.length}, over ${SLACK_LIMITS.fields}`);
          fields.forEach((f, j) => {
            slackText(f, `${path}.fields[${j}]`, SLACK_LIMITS.fieldText, out);
          });
        }
        break;
      }
      case 'header':
        slackText(b.text, `${path}.text`, SLACK_LIMITS.headerText, out, true);
        break;
      case 'context': {
        const elements = (b.elements as unknown[] | undefined) ?? [];
        if (elements.length === 0 || elements.length > SLACK_LIMITS.contextElements)
          out.push(`${path}.elements: ${elements.length}, must be 1–${SLACK_LIMITS.contextElements}`);
        elements.forEach((e, j) => {
          slackText(e, `${path}.elements[${j}]`, SLACK_LIMITS.sectionText, out);
        });
        break;
      }
      case 'actions': {
        const elements = (b.elements as unknown[] | undefined) ?? [];
        if (elements.length === 0 || elements.length > SLACK_LIMITS.actionsElements)
          out.push(`${path}.elements: ${elements.length}, must be 1–${SLACK_LIMITS.actionsElements}`);
        elements.forEach((e, j) => {
          slackElement(e, `${path}.elements[${j}]`, out);
        });
        const ids = elements.map((e) => (isObject(e) ? e.action_id : undefined)).filter(Boolean);
        if (new Set(ids).size !== ids.length) out.push(`${path}: two elements share an action_id`);
        break;
      }
      case 'image':
        if (typeof b.image_url !== 'string' || !/^https?:\/\//.test(b.image_url) || len(b.image_url) > SLACK_LIMITS.imageUrl)
          out.push(`${path}.image_url: not a public http(s) URL of at most 3000 characters`);
        if (typeof b.alt_text !== 'string' || !b.alt_text || len(b.alt_text) > SLACK_LIMITS.altText) out.push(`${path}.alt_text: 1–2000`);
        if (b.title !== undefined) slackText(b.title, `${path}.title`, SLACK_LIMITS.imageTitle, out, true);
        break;
    }
  });
  return out;
}

// ── Feishu ────────────────────────────────────────────────────────────────────────────────────────────

export const FEISHU_LIMITS = {
  cardBytes: 30 * 1024,
  /** Components in one card (JSON 2.0). */
  components: 200,
  tables: 5,
  tableColumns: 50,
  tablePageSize: 10,
} as const;

/** Components that may stand in body.elements (JSON 2.0 drops 1.0's `action` and `note`). */
const FEISHU_BODY = new Set([
  'markdown',
  'div',
  'hr',
  'img',
  'img_combination',
  'table',
  'chart',
  'column_set',
  'form',
  'collapsible_panel',
  'interactive_container',
  'button',
  'input',
  'select_static',
  'multi_select_static',
  'overflow',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'person_list',
  'checker',
]);
/** Inside a column: any of the above but a table or a form (tables stand at the card's root only). */
const FEISHU_IN_COLUMN = new Set([...FEISHU_BODY].filter((t) => t !== 'table' && t !== 'form'));
const TEMPLATES = new Set([
  'blue',
  'wathet',
  'turquoise',
  'green',
  'yellow',
  'orange',
  'red',
  'carmine',
  'violet',
  'purple',
  'indigo',
  'grey',
  'default',
]);
const BUTTON_TYPES = new Set([
  'default',
  'primary',
  'danger',
  'text',
  'primary_text',
  'danger_text',
  'primary_filled',
  'danger_filled',
  'laser',
]);

/** Card markdown that is not Feishu's: Slack's *bold*, <@U…>, <#C…|…>, <!here>, &lt; escapes; entities in code spans. */
function feishuDialect(text: string, path: string, out: string[]) {
  for (const span of text.match(/```[\s\S]*?```|`[^`\n]*`/g) ?? [])
    if (/&#?\w+;/.test(span)) out.push(`${path}: an HTML entity inside a code span shows literally: ${span.slice(0, 60)}`);
  const outside = text.replace(/```[\s\S]*?```|`[^`\n]*`/g, '');
  if (/(^|[^*\\])\*[^*\s][^*\n]*\*(?!\*)/.test(outside.replace(/\*\*[^*\n]+\*\*/g, '')))
    out.push(`${path}: Slack *bold* in Feishu markdown (Feishu bold is **…**)`);
  if (/<[@#!][A-Za-z0-9]/.test(outside)) out.push(`${path}: Slack mention syntax in Feishu markdown`);
  if (/&(lt|gt|amp);/.test(outside)) out.push(`${path}: Slack's &lt;/&gt;/&amp; escapes in Feishu markdown`);
}

function plainText(v: unknown, path: string, out: string[]) {
  if (!isObject(v) || (v.tag !== 'plain_text' && v.tag !== 'lark_md') || typeof v.content !== 'string')
    out.push(`${path}: not a plain_text object with content`);
}

interface CardState {
  components: number;
  tables: number;
  imageKeys: ReadonlySet<string>;
}

function feishuElement(el: unknown, path: string, allowed: ReadonlySet<string>, state: CardState, out: string[]) {
  if (!isObject(el)) return void out.push(`${path}: not an object`);
  state.components++;
  const tag = String(el.tag);
  if (!allowed.has(tag)) return void out.push(`${path}.tag: "${tag}" is not allowed here in card JSON 2.0`);
  switch (tag) {
    case 'markdown':
      if (typeof el.content !== 'string') out.push(`${path}.content: missing`);
      else feishuDialect(el.content, path, out);
      break;
    case 'img':
      if (typeof el.img_key !== 'string' || !state.imageKeys.has(el.img_key))
        out.push(`${path}.img_key: "${String(el.img_key)}" was never returned by an im/v1/images upload`);
      if (el.alt !== undefined) plainText(el.alt, `${path}.alt`, out);
      break;
    case 'button':
      plainText(el.text, `${path}.text`, out);
      if (el.type !== undefined && !BUTTON_TYPES.has(String(el.type))) out.push(`${path}.type: "${String(el.type)}"`);
      if (el.value !== undefined && el.behaviors === undefined) out.push(`${path}: JSON 2.0 buttons use behaviors, not value`);
      for (const [i, b] of ((el.behaviors as unknown[] | undefined) ?? []).entries())
        if (!isObject(b) || !['callback', 'open_url'].includes(String(b.type)))
          out.push(`${path}.behaviors[${i}]: not callback or open_url`);
      break;
    case 'table': {
      state.tables++;
      const columns = (el.columns as Json[] | undefined) ?? [];
      const rows = (el.rows as Json[] | undefined) ?? [];
      const pageSize = Number(el.page_size ?? 5);
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > FEISHU_LIMITS.tablePageSize)
        out.push(`${path}.page_size: ${pageSize}, must be 1–10`);
      if (columns.length === 0 || columns.length > FEISHU_LIMITS.tableColumns) out.push(`${path}.columns: ${columns.length}, must be 1–50`);
      const names = new Set<string>();
      for (const [i, c] of columns.entries()) {
        if (typeof c.name !== 'string' || !c.name) out.push(`${path}.columns[${i}].name: missing`);
        names.add(String(c.name));
        if (!['text', 'lark_md', 'options', 'number', 'persons', 'date', 'markdown'].includes(String(c.data_type)))
          out.push(`${path}.columns[${i}].data_type: "${String(c.data_type)}"`);
      }
      for (const [i, r] of rows.entries())
        for (const k of Object.keys(r)) if (!names.has(k)) out.push(`${path}.rows[${i}]: "${k}" names no column`);
      break;
    }
    case 'input':
      // 输入框: a `name` to be read back in a form; input_type text|multiline_text|password; max_length 1–1000.
      if (typeof el.name !== 'string' || !el.name) out.push(`${path}.name: an input needs a name`);
      if (el.input_type !== undefined && !['text', 'multiline_text', 'password'].includes(String(el.input_type)))
        out.push(`${path}.input_type: "${String(el.input_type)}"`);
      if (el.max_length !== undefined && !(Number.isInteger(el.max_length) && Number(el.max_length) >= 1 && Number(el.max_length) <= 1000))
        out.push(`${path}.max_length: ${String(el.max_length)}, must be 1–1000`);
      if (el.label !== undefined) plainText(el.label, `${path}.label`, out);
      if (el.placeholder !== undefined) plainText(el.placeholder, `${path}.placeholder`, out);
      // 必填: a boolean; the client refuses to submit the form while a required input is empty.
      if (el.required !== undefined && typeof el.required !== 'boolean') out.push(`${path}.required: must be a boolean`);
      break;
    case 'form': {
      // 表单容器: at the body's root only (FEISHU_IN_COLUMN has no form), a name unique in the card, its inputs
      // named, and a button with form_action_type submit (or reset) to send them.
      if (typeof el.name !== 'string' || !el.name) out.push(`${path}.name: a form needs a name`);
      const children = (el.elements as unknown[] | undefined) ?? [];
      const names = new Set<string>();
      for (const [i, child] of children.entries()) {
        feishuElement(child, `${path}.elements[${i}]`, FEISHU_IN_COLUMN, state, out);
        if (!isObject(child)) continue;
        if (child.tag === 'input' && typeof child.name === 'string') {
          if (names.has(child.name)) out.push(`${path}.elements[${i}].name: "${child.name}" twice in one form`);
          names.add(child.name);
        }
        if (child.tag === 'button' && child.form_action_type !== undefined && !['submit', 'reset'].includes(String(child.form_action_type)))
          out.push(`${path}.elements[${i}].form_action_type: "${String(child.form_action_type)}"`);
        if (child.tag === 'button' && child.form_action_type !== undefined && (typeof child.name !== 'string' || !child.name))
          out.push(`${path}.elements[${i}].name: a form's button needs a name`);
      }
      if (!children.some((c) => isObject(c) && c.tag === 'button' && c.form_action_type === 'submit'))
        out.push(`${path}: a form without a button whose form_action_type is submit`);
      break;
    }
    case 'column_set':
      for (const [i, col] of ((el.columns as unknown[] | undefined) ?? []).entries()) {
        const cpath = `${path}.columns[${i}]`;
        if (!isObject(col) || col.tag !== 'column') {
          out.push(`${cpath}: a column_set holds only column`);
          continue;
        }
        for (const [j, child] of ((col.elements as unknown[] | undefined) ?? []).entries())
          feishuElement(child, `${cpath}.elements[${j}]`, FEISHU_IN_COLUMN, state, out);
      }
      break;
  }
}

/** Violations of a card JSON 2.0 (an object, or the JSON string a message's content carries). */
export function feishuCardViolations(card: unknown, imageKeys: ReadonlySet<string>, where = 'card'): string[] {
  const out: string[] = [];
  const json = typeof card === 'string' ? card : JSON.stringify(card);
  const value = typeof card === 'string' ? (JSON.parse(card) as unknown) : card;
  if (Buffer.byteLength(json) > FEISHU_LIMITS.cardBytes) out.push(`${where}: ${Buffer.byteLength(json)} bytes, over 30 KB`);
  if (!isObject(value)) return [...out, `${where}: not an object`];
  if (value.schema !== '2.0') out.push(`${where}.schema: "${String(value.schema)}", not "2.0"`);
  if (value.elements !== undefined) out.push(`${where}.elements: JSON 1.0's top-level elements in a 2.0 card (use body.elements)`);
  if (isObject(value.config) && value.config.update_multi === false)
    out.push(`${where}.config.update_multi: JSON 2.0 cards are shared (true)`);
  if (value.header !== undefined) {
    const header = value.header as Json;
    plainText(header.title, `${where}.header.title`, out);
    if (header.template !== undefined && !TEMPLATES.has(String(header.template)))
      out.push(`${where}.header.template: "${String(header.template)}"`);
  }
  const body = value.body as Json | undefined;
  if (!isObject(body) || !Array.isArray(body.elements)) return [...out, `${where}.body.elements: missing`];
  const state: CardState = { components: 0, tables: 0, imageKeys };
  body.elements.forEach((el, i) => {
    feishuElement(el, `${where}.body.elements[${i}]`, FEISHU_BODY, state, out);
  });
  if (state.tables > FEISHU_LIMITS.tables) out.push(`${where}: ${state.tables} tables, over ${FEISHU_LIMITS.tables}`);
  if (state.components > FEISHU_LIMITS.components) out.push(`${where}: ${state.components} components, over ${FEISHU_LIMITS.components}`);
  return out;
}
